//! The Commerce Control List entries this model encodes, with their own
//! reasons for control and Commerce Country Chart columns (REVIEW point 1):
//! NS Column 1 (a licence to every destination except Canada, 742.4(a)(1))
//! and SL (surreptitious listening, 742.13: a licence to every destination,
//! Canada included).
//!
//! An ECCN outside this table is not encoded: [`assess`] answers
//! [`Ccl::Unmodelled`] and the caller decides whether another requirement
//! already covers the item or the case is not determined.
//!
//! Dates (REVIEW point 4): 4A005, 4D004 and 4E001.c entered the CCL, and the
//! cybersecurity-item entries took their present form, with the interim
//! final rule 86 FR 58205 (effective 7 March 2022, 87 FR 1670); the brief has
//! no pre-2022 text for any of them (nor for 5A001.j: the old claim that it
//! was "already NS-controlled" is not supported by the brief), so a
//! cybersecurity item before that date is not determined \[VERIFY\].
//! 5D001.e (monitoring-centre software, Wassenaar 2019) is taken to be on
//! the CCL from the implementing rule of 29 March 2021 \[VERIFY date\].

use echri_sdk::prelude::*;

use crate::ace::{self, ACE_EFFECTIVE};
use crate::rules::{US_NS, US_NS_CA, US_SCOPE, US_SL};
use crate::{hr_risk_note, item_label};

/// The Wassenaar 2019 decisions (incl. 5D001.e) in the CCL: 86 FR 16482,
/// 29 March 2021 \[VERIFY\].
pub(crate) const WASSENAAR_2019_RULE: Date = Date::ymd(2021, 3, 29);

/// Whether an entry is also controlled for SL reasons (742.13).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sl {
    /// Not an SL entry.
    No,
    /// The whole entry is SL-controlled.
    Yes,
    /// SL applies only to a sub-item or "for" qualifier the case does not
    /// state (5A001.f.1 within 5A001.f; 5D001.a/5E001.a for 5A001.f.1).
    Maybe,
}

/// One encoded entry: the code (an entry or sub-item), what it is, whether
/// NS Column 1 applies, whether SL applies, and the first day the model
/// states it for (earlier: not determined).
struct Entry {
    code: &'static str,
    what: &'static str,
    ns1: bool,
    sl: Sl,
    from: Option<(Date, &'static str)>,
}

const CYBER_RULE: &str = "86 FR 58205 (effective 7 March 2022): the brief has no pre-2022 text \
     for this cybersecurity-item entry [VERIFY]";
const WA2019_RULE: &str = "the Wassenaar 2019 decisions implemented by 86 FR 16482 (29 March \
     2021) [VERIFY date]";

/// The encoded entries, most specific code first.
const ENTRIES: &[Entry] = &[
    Entry {
        code: "4A005",
        what: "intrusion-software command, delivery or generation systems",
        ns1: true,
        sl: Sl::No,
        from: Some((ACE_EFFECTIVE, CYBER_RULE)),
    },
    Entry {
        code: "4D004",
        what: "intrusion-software generation, command or delivery software",
        ns1: true,
        sl: Sl::No,
        from: Some((ACE_EFFECTIVE, CYBER_RULE)),
    },
    Entry {
        code: "4E001.c",
        what: "technology for the development of intrusion software",
        ns1: true,
        sl: Sl::No,
        from: Some((ACE_EFFECTIVE, CYBER_RULE)),
    },
    Entry {
        code: "4E001.a",
        what: "technology for the development, production or use of Category 4 items",
        ns1: true,
        sl: Sl::No,
        from: None,
    },
    Entry {
        code: "4D001.a",
        what: "software for Category 4 items",
        ns1: true,
        sl: Sl::No,
        from: None,
    },
    Entry {
        code: "5A001.f.1",
        what: "mobile-telecommunications interception equipment extracting voice or data",
        ns1: true,
        sl: Sl::Yes,
        from: None,
    },
    Entry {
        code: "5A001.f",
        what: "mobile-telecommunications interception, jamming or monitoring equipment",
        ns1: true,
        sl: Sl::Maybe,
        from: None,
    },
    Entry {
        code: "5A001.j",
        what: "IP network communications surveillance systems",
        ns1: true,
        sl: Sl::No,
        from: Some((ACE_EFFECTIVE, CYBER_RULE)),
    },
    Entry {
        code: "5A004",
        what: "equipment for defeating, weakening or bypassing information security (cryptanalytic items)",
        ns1: true,
        sl: Sl::No,
        from: None,
    },
    Entry {
        code: "5B001.a",
        what: "test, inspection and production equipment for Category 5 Part 1 items",
        ns1: true,
        sl: Sl::No,
        from: None,
    },
    Entry {
        code: "5D001.a",
        what: "software for Category 5 Part 1 equipment",
        ns1: true,
        sl: Sl::Maybe,
        from: None,
    },
    Entry {
        code: "5D001.c",
        what: "software with the characteristics of Category 5 Part 1 equipment",
        ns1: true,
        sl: Sl::No,
        from: None,
    },
    Entry {
        code: "5D001.e",
        what: "monitoring-centre (law-enforcement monitoring and analysis) software",
        ns1: true,
        sl: Sl::No,
        from: Some((WASSENAAR_2019_RULE, WA2019_RULE)),
    },
    Entry {
        code: "5E001.a",
        what: "technology for Category 5 Part 1 equipment or software",
        ns1: true,
        sl: Sl::Maybe,
        from: None,
    },
    Entry {
        code: "5A980",
        what: "devices primarily useful for the surreptitious interception of communications",
        ns1: false,
        sl: Sl::Yes,
        from: None,
    },
    Entry {
        code: "5D980",
        what: "software for surreptitious-interception devices",
        ns1: false,
        sl: Sl::Yes,
        from: None,
    },
    Entry {
        code: "5E980",
        what: "technology for surreptitious-interception devices",
        ns1: false,
        sl: Sl::Yes,
        from: None,
    },
];

fn entry(item: &Item) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| item.control_code.is_under(e.code))
}

/// Whether SL applies, resolving `Maybe` from the item where the case says
/// enough: a 5A001.f sub-item other than .f.1 is not SL; 5D001.a/5E001.a
/// are "for 5A001.f.1" only if the item has the mobile-interception
/// capability (and then it stays `Maybe`).
fn sl_of(e: &Entry, item: &Item) -> Sl {
    match e.sl {
        Sl::Maybe if e.code == "5A001.f" => {
            if item.control_code.as_str() == "5A001.f" {
                Sl::Maybe
            } else {
                Sl::No
            }
        }
        Sl::Maybe if !item.has(Capability::MobileInterception) => Sl::No,
        other => other,
    }
}

/// The result of the CCL analysis of one item.
pub(crate) enum Ccl {
    /// An encoded entry: its findings.
    Findings(Vec<Finding>),
    /// Not an encoded entry.
    Unmodelled,
}

/// ENC (740.17) may cover cryptanalytic items for end users other than
/// governments; the model does not encode it.
fn enc_open(case: &Case, item: &Item) -> bool {
    item.control_code.is_under("5A004") && !case.any_end_user(ace::is_government_end_user)
}

/// The CCL analysis of one item: its own reasons for control and Country
/// Chart columns. `overrides` are the reasons that make every licence
/// exception unavailable (for ACE).
pub(crate) fn assess(case: &Case, item: &Item, overrides: &ace::Overrides) -> Ccl {
    let Some(e) = entry(item) else {
        return Ccl::Unmodelled;
    };
    let label = item_label(item);
    let dest = case.destination.code();
    let cyber = ace::is_cybersecurity_item(item);
    // "5A001.f (IMSI catcher), an item of 5A001.f (mobile-telecommunications ...)".
    let what = format!("an item of {} ({})", e.code, e.what);

    // A cybersecurity item of 740.22(b)(1) (incl. the "for 4A005" and
    // "for 5A001.j" software, technology and equipment) dates from the ACE
    // rule whatever its entry says.
    let start = if cyber {
        Some((ACE_EFFECTIVE, CYBER_RULE))
    } else {
        e.from
    };
    if let Some((from, rule)) = start.filter(|(from, _)| case.as_of < *from) {
        return Ccl::Findings(vec![
            US_SCOPE
                .finding(
                    Outcome::NotDetermined,
                    format!(
                        "{label}, {what}, is modelled from {from}, the date of {rule}; the case \
                         is dated {}, and this model has no text for the entry before then, so \
                         whether a licence was required is not determined",
                        case.as_of
                    ),
                )
                .assuming(format!(
                    "[VERIFY] the CCL text of {} before {from} is not modelled (REVIEW point 4)",
                    item.control_code
                )),
        ]);
    }

    let sl = sl_of(e, item);
    let mut out = Vec::new();
    if sl == Sl::Yes {
        out.push(US_SL.finding(
            Outcome::LicenceRequiredCaseByCase,
            format!(
                "{label}, {what}, is controlled for surreptitious-listening (SL) reasons under \
                 742.13: a licence is required for every destination, including {dest}, reviewed \
                 case by case; under 742.7(b)(2) BIS also considers the risk of use in violations \
                 or abuses of human rights{}.",
                hr_risk_note(case)
            ),
        ));
    }
    if !e.ns1 {
        return Ccl::Findings(out);
    }

    if dest == "CA" {
        if sl == Sl::Maybe {
            out.push(US_SCOPE.finding(
                Outcome::NotDetermined,
                format!(
                    "{label}: NS Column 1 has no mark for Canada, but SL (742.13, all destinations \
                     including Canada) applies if the item is, or is for, 5A001.f.1 (extraction of \
                     voice or data over the air interface); the case does not say which sub-item it \
                     is, so whether a licence is required to Canada is not determined"
                ),
            ));
        } else if sl == Sl::No {
            out.push(US_NS_CA.finding(
                Outcome::NoLicenceRequired,
                format!(
                    "{label}, {what}, is controlled for national-security reasons in NS Column 1, \
                     which requires a licence to every destination except Canada: no licence is \
                     required for the export to Canada for that reason, and no licence exception \
                     is needed{}.",
                    if cyber {
                        " (License Exception ACE is not reached)"
                    } else {
                        ""
                    }
                ),
            ));
        }
        return Ccl::Findings(out);
    }

    if cyber {
        out.push(ace::assess(case, item, overrides));
        return Ccl::Findings(out);
    }
    if enc_open(case, item) && overrides.is_empty() {
        out.push(US_SCOPE.finding(
            Outcome::NotDetermined,
            format!(
                "{label}, {what}, needs a licence to {dest} (NS Column 1, and EI under 742.15), \
                 unless License Exception ENC (740.17) covers it; ENC, which may cover cryptanalytic \
                 items for end users other than governments, is not modelled, so the outcome is \
                 not determined"
            ),
        ));
        return Ccl::Findings(out);
    }
    let mut ns = US_NS.finding(
        Outcome::LicenceRequiredCaseByCase,
        format!(
            "{label}, {what}, is controlled for national-security reasons in NS Column 1, which \
             requires a licence to every destination except Canada, so also to {dest}; the \
             application is reviewed case by case, and under 742.7(b)(2) BIS also considers the \
             risk of use in violations or abuses of human rights{}.",
            hr_risk_note(case)
        ),
    );
    if sl == Sl::Maybe {
        ns = ns.also_assuming(
            "[VERIFY] if the item is, or is for, 5A001.f.1, SL (742.13) also applies; the licence \
             requirement to this destination is the same",
        );
    }
    if e.code == "5A004" {
        ns = ns.also_assuming(
            "[VERIFY] License Exception ENC (740.17) is taken as unavailable for cryptanalytic \
             items to a government end user; EI (742.15) also applies",
        );
    }
    out.push(ns);
    Ccl::Findings(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(code: &str, caps: Vec<Capability>) -> Item {
        Item {
            control_code: ControlCode::try_from(code.to_string()).expect("code"),
            description: String::new(),
            capabilities: caps,
            attributes: Vec::new(),
            other_lists: Vec::new(),
        }
    }

    #[test]
    fn most_specific_entry_wins() {
        let e = entry(&item("5A001.f.1", vec![])).expect("entry");
        assert_eq!(e.code, "5A001.f.1");
        let e = entry(&item("5A001.f.2", vec![])).expect("entry");
        assert_eq!(e.code, "5A001.f");
        assert!(entry(&item("5A001.a", vec![])).is_none());
        assert!(entry(&item("5A002.a", vec![])).is_none());
    }

    #[test]
    fn sl_resolution() {
        let f = item("5A001.f", vec![]);
        assert_eq!(sl_of(entry(&f).expect("e"), &f), Sl::Maybe);
        let f2 = item("5A001.f.2", vec![]);
        assert_eq!(sl_of(entry(&f2).expect("e"), &f2), Sl::No);
        let d = item("5D001.a", vec![]);
        assert_eq!(sl_of(entry(&d).expect("e"), &d), Sl::No);
        let d = item("5D001.a", vec![Capability::MobileInterception]);
        assert_eq!(sl_of(entry(&d).expect("e"), &d), Sl::Maybe);
        let s = item("5E980", vec![]);
        assert_eq!(sl_of(entry(&s).expect("e"), &s), Sl::Yes);
    }
}
