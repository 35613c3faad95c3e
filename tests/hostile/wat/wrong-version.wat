(component
  (instance $rules)
  (export "echri:policy/rules@0.3.0" (instance $rules))
)
