(component
  (import "evil:net/raw@1.0.0" (instance))
)
