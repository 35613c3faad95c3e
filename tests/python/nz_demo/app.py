"""A demonstration rule module written in Python (componentize-py).

New Zealand endorsed the ECHRI Code of Conduct (2023). This module is a
deliberately small model used to prove that a module from another language
runs under the same sandbox and contract as the Rust ones; it is not one of
the eight built-in jurisdictions and is not a faithful model of New Zealand
law.
"""

from wit_world import exports
from wit_world.imports import host
from wit_world.imports import types as t

CITE_SGL = "Customs and Excise Act 2018 s 96; New Zealand Strategic Goods List"
CITE_NLR = "Customs and Excise Act 2018 s 96 (not engaged)"
ASSUMPTION = (
    "demonstration module: the Strategic Goods List is read as the multilateral "
    "dual-use list (ECCN number below 500) and the military list; MFAT's "
    "human-rights consideration is modelled as a weighed factor [VERIFY]"
)
CITE_SCOPE = "echri model scope (tests/python/nz_demo/README.md)"
STATED_FROM = t.Date(2020, 1, 1)
HUMAN_RIGHTS_FACTS = {
    t.RiskFact.CLEAR_RISK_INTERNAL_REPRESSION,
    t.RiskFact.SUBSTANTIAL_RISK_SERIOUS_VIOLATION,
    t.RiskFact.SERIOUS_VIOLATIONS_ESTABLISHED,
    t.RiskFact.JOURNALISTS_TARGETED,
}


def listed(code: str) -> bool:
    if code.startswith("ML"):
        return True
    return (
        len(code) >= 5
        and code[0].isdigit()
        and code[1] in "ABCDE"
        and code[2:5].isdigit()
        and int(code[2:5]) < 500
    )


class Rules(exports.Rules):
    def info(self) -> t.ModuleInfo:
        return t.ModuleInfo(
            jurisdiction="NZ",
            name="New Zealand strategic goods (Python demonstration)",
            authority="Ministry of Foreign Affairs and Trade, Export Controls",
            version="0.2.0-demo",
            # Period(from, until): `from` is a Python keyword, so positional.
            stated_for=t.Period(STATED_FROM, t.Date(2025, 1, 1)),
            rules=[
                t.RuleInfo("NZ-SGL", "Strategic Goods List item: permit, case by case", CITE_SGL, None, None, ASSUMPTION),
                t.RuleInfo("NZ-NLR", "No permit required", CITE_NLR, None, None, None),
                t.RuleInfo("NZ-SCOPE", "Outside what this model states: not determined", CITE_SCOPE, None, None, None),
            ],
            commitments=[],
            sources=[
                t.Source(
                    "Customs and Excise Act 2018, s 96",
                    "https://www.legislation.govt.nz/act/public/2018/0004/latest/DLM7038971.html",
                )
            ],
        )

    def evaluate(self, case: t.Case) -> t.Assessment:
        d = case.as_of
        if (d.year, d.month, d.day) < (STATED_FROM.year, STATED_FROM.month, STATED_FROM.day):
            finding = t.Finding(
                rule_id="NZ-SCOPE",
                citation=CITE_SCOPE,
                explanation="the case is dated before 2020-01-01, the first day this model states the law for",
                outcome=t.Outcome.NOT_DETERMINED,
                assumption=None,
            )
            return t.Assessment(outcome=t.Outcome.NOT_DETERMINED, findings=[finding], conditions=[])
        findings = []
        hr = sorted(f.name.lower().replace("_", "-") for f in case.facts if f in HUMAN_RIGHTS_FACTS)
        for item in case.items:
            if listed(item.control_code):
                explanation = (
                    f"{item.control_code} is on the Strategic Goods List: a permit is "
                    f"required for export to {case.destination}, decided case by case"
                )
                if hr:
                    explanation += "; the stated human-rights facts (" + ", ".join(hr) + ") are weighed"
                findings.append(
                    t.Finding(
                        rule_id="NZ-SGL",
                        citation=CITE_SGL,
                        explanation=explanation,
                        outcome=t.Outcome.LICENCE_REQUIRED_CASE_BY_CASE,
                        assumption=ASSUMPTION,
                    )
                )
        if not findings:
            findings.append(
                t.Finding(
                    rule_id="NZ-NLR",
                    citation=CITE_NLR,
                    explanation="no item is on the Strategic Goods List",
                    outcome=t.Outcome.NO_LICENCE_REQUIRED,
                    assumption=None,
                )
            )
        host.log(host.LogLevel.INFO, f"python module assessed {case.id}")
        outcome = max((f.outcome for f in findings), key=lambda o: o.value)
        return t.Assessment(outcome=outcome, findings=findings, conditions=[])
