(component
  (instance $rules)
  (export "echri:policy/rules@0.2.0" (instance $rules))
)
