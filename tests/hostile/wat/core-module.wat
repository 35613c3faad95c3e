(module
  (func (export "evaluate") unreachable)
)
