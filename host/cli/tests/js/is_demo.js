// A demonstration rule module in JavaScript (ComponentizeJS), to show that a
// module from another toolchain is signed, verified and run like the Rust
// ones. Iceland ("IS") is not a built-in jurisdiction; this is not a model of
// Icelandic law.
export const rules = {
  info() {
    return {
      jurisdiction: "IS",
      name: "Demonstration module (JavaScript): not a model of Icelandic law",
      authority: "echri test suite",
      version: "0.2.0",
      statedFor: { from: { year: 2020, month: 1, day: 1 }, until: { year: 2025, month: 1, day: 1 } },
      sources: [{ title: "echri tests/js", url: "https://example.invalid/echri" }],
      rules: [
        { id: "IS-ML", title: "Military-list item: licence", citation: "demonstration" },
        { id: "IS-NLR", title: "No licence required", citation: "demonstration" },
      ],
      commitments: [],
    };
  },
  evaluate(c) {
    const military = c.items.some((i) => i.controlCode.startsWith("ML"));
    const outcome = military ? "licence-required-case-by-case" : "no-licence-required";
    return {
      outcome,
      findings: [
        {
          ruleId: military ? "IS-ML" : "IS-NLR",
          citation: "demonstration",
          explanation: military ? "a military-list item needs a licence" : "no listed item",
          outcome,
          assumption: "demonstration module written in JavaScript",
        },
      ],
      conditions: [],
    };
  },
};
