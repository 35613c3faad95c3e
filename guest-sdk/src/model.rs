//! Plain Rust types for cases and assessments.
//!
//! These mirror the `echri:policy` WIT contract one to one, but carry
//! validation (country and control codes, dates) and serde support, so the
//! same types serve rule logic inside a component, native unit tests, and the
//! host's case files and JSON reports.

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::countries;

/// Declares a fieldless enum with its kebab-case serde names, the list of all
/// values and a `Display` that prints the serde name.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )* }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value's name as written in case files and JSON.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)*
                    _ => Err(format!(
                        "unknown {} `{s}`, expected one of: {}",
                        stringify!($name),
                        [$($text),*].join(", ")
                    )),
                }
            }
        }
    };
}

named_enum! {
    /// The outcome scale, least to most restrictive. `Ord` follows the scale.
    pub enum Outcome {
        /// No licence required.
        NoLicenceRequired = "no-licence-required",
        /// A licence exception or general authorisation applies.
        LicenceException = "licence-exception",
        /// Catch-all: the exporter must notify the authority.
        CatchAllNotify = "catch-all-notify",
        /// Licence required, favourable policy.
        LicenceRequiredFavourable = "licence-required-favourable",
        /// Licence required, case by case.
        LicenceRequiredCaseByCase = "licence-required-case-by-case",
        /// Presumption of denial.
        PresumptionOfDenial = "presumption-of-denial",
        /// Mandatory refusal.
        Deny = "deny",
        /// Embargo or sanctions prohibition.
        Prohibited = "prohibited",
        /// The module's law, as modelled, does not decide the case (an item,
        /// date or transaction outside the model). Not on the scale.
        NotDetermined = "not-determined",
    }
}

impl Outcome {
    /// The outcomes on the restrictiveness scale, least to most
    /// restrictive: every outcome but [`Outcome::NotDetermined`].
    pub const SCALE: &'static [Outcome] = &[
        Outcome::NoLicenceRequired,
        Outcome::LicenceException,
        Outcome::CatchAllNotify,
        Outcome::LicenceRequiredFavourable,
        Outcome::LicenceRequiredCaseByCase,
        Outcome::PresumptionOfDenial,
        Outcome::Deny,
        Outcome::Prohibited,
    ];

    /// Position on the scale, 0 (no licence required) to 7 (prohibited);
    /// `None` for [`Outcome::NotDetermined`], which is not on the scale.
    pub fn step(self) -> Option<u8> {
        match self {
            Outcome::NotDetermined => None,
            _ => Some(self as u8),
        }
    }

    /// Whether the outcome decides the case (is on the scale).
    pub fn is_determined(self) -> bool {
        self != Outcome::NotDetermined
    }

    /// The precedence with which findings combine into an overall outcome:
    /// the scale, with `not-determined` above a presumption of denial and
    /// below a mandatory refusal or prohibition. What a module cannot decide
    /// keeps the case undecided, except that it cannot lift a refusal or a
    /// prohibition found on the stated facts.
    fn precedence(self) -> u8 {
        match self {
            Outcome::NotDetermined => 6,
            Outcome::Deny => 7,
            Outcome::Prohibited => 8,
            other => other as u8,
        }
    }

    /// The overall outcome of two findings' outcomes: the more restrictive
    /// on the scale, or `not-determined` over anything short of `deny` (what
    /// a module cannot decide keeps the case undecided, but cannot lift a
    /// refusal or a prohibition found on the stated facts).
    ///
    /// ```
    /// use echri_sdk::model::Outcome::*;
    /// assert_eq!(LicenceException.combine(PresumptionOfDenial), PresumptionOfDenial);
    /// assert_eq!(PresumptionOfDenial.combine(NotDetermined), NotDetermined);
    /// assert_eq!(NotDetermined.combine(Prohibited), Prohibited);
    /// ```
    pub fn combine(self, other: Outcome) -> Outcome {
        if other.precedence() > self.precedence() {
            other
        } else {
            self
        }
    }

    /// The combined outcome of `outcomes`, `None` when there are none.
    pub fn combine_all(outcomes: impl IntoIterator<Item = Outcome>) -> Option<Outcome> {
        outcomes.into_iter().reduce(Outcome::combine)
    }

    /// A short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::NoLicenceRequired => "no licence required",
            Outcome::LicenceException => "licence exception",
            Outcome::CatchAllNotify => "notify (catch-all)",
            Outcome::LicenceRequiredFavourable => "licence, favourable",
            Outcome::LicenceRequiredCaseByCase => "licence, case by case",
            Outcome::PresumptionOfDenial => "presumption of denial",
            Outcome::Deny => "deny",
            Outcome::Prohibited => "prohibited",
            Outcome::NotDetermined => "not determined",
        }
    }

    /// Whether the exporter needs the authority's permission (a licence) for
    /// this outcome. Notify is not counted: the authority may still decide
    /// that no licence is needed.
    pub fn requires_licence(self) -> bool {
        self.is_determined() && self >= Outcome::LicenceRequiredFavourable
    }
}

named_enum! {
    /// What a party is.
    pub enum PartyKind {
        /// Government ministry, department or agency.
        Government = "government",
        /// Police and law enforcement.
        Police = "police",
        /// Intelligence and state security.
        Intelligence = "intelligence",
        /// Armed forces, paramilitary, border guards.
        Military = "military",
        /// State-owned or state-controlled enterprise.
        StateOwned = "state-owned",
        /// Private company.
        Private = "private",
        /// University or research institute.
        Academic = "academic",
        /// Natural person.
        Individual = "individual",
        /// Non-governmental organisation.
        Ngo = "ngo",
    }
}

impl PartyKind {
    /// Whether the party exercises a governmental function in the broad sense
    /// export rules use (incl. police, intelligence, military and
    /// state-owned entities, cf. EAR 740.22 "government end user").
    pub fn is_governmental(self) -> bool {
        matches!(
            self,
            PartyKind::Government
                | PartyKind::Police
                | PartyKind::Intelligence
                | PartyKind::Military
                | PartyKind::StateOwned
        )
    }

    /// Military, security forces, intelligence or police: the end users of
    /// military end-use controls and arms-embargo catch-alls.
    pub fn is_security_force(self) -> bool {
        matches!(
            self,
            PartyKind::Police | PartyKind::Intelligence | PartyKind::Military
        )
    }
}

named_enum! {
    /// The role a party plays.
    pub enum PartyRole {
        /// Final user of the item.
        EndUser = "end-user",
        /// Receiver of the goods.
        Consignee = "consignee",
        /// Broker or distributor.
        Intermediary = "intermediary",
        /// Buyer.
        Purchaser = "purchaser",
    }
}

named_enum! {
    /// A party's economic sector.
    pub enum Sector {
        /// Nothing specific.
        Unspecified = "unspecified",
        /// Banking and financial services.
        Finance = "finance",
        /// Insurance.
        Insurance = "insurance",
        /// Civil health and medical institutions.
        Health = "health",
        /// Telecommunications operators.
        Telecom = "telecom",
        /// Technology and security companies.
        Technology = "technology",
        /// Defence industry.
        Defence = "defence",
    }
}

named_enum! {
    /// A technical capability of an item.
    pub enum Capability {
        /// Intrusion software platforms.
        IntrusionSoftware = "intrusion-software",
        /// IP network communications surveillance.
        IpNetworkSurveillance = "ip-network-surveillance",
        /// Monitoring centres.
        MonitoringCentre = "monitoring-centre",
        /// IMSI catchers, mobile interception or jamming.
        MobileInterception = "mobile-interception",
        /// Cryptanalysis.
        Cryptanalysis = "cryptanalysis",
        /// Forensic data extraction.
        ForensicExtraction = "forensic-extraction",
        /// Facial recognition.
        FacialRecognition = "facial-recognition",
        /// Emotion recognition.
        EmotionRecognition = "emotion-recognition",
        /// Location tracking.
        LocationTracking = "location-tracking",
        /// Video surveillance.
        VideoSurveillance = "video-surveillance",
        /// Crowd control.
        CrowdControl = "crowd-control",
        /// Restraints.
        Restraint = "restraint",
        /// Electric-shock devices.
        ElectricShock = "electric-shock",
        /// Torture implements.
        TortureImplement = "torture-implement",
        /// Biometric identification.
        BiometricIdentification = "biometric-identification",
    }
}

impl Capability {
    /// Capabilities that make an item a "cyber-surveillance item" in the
    /// sense of Art. 2(20) of Regulation (EU) 2021/821, read with the
    /// Commission's guidelines (Recommendation (EU) 2024/2659).
    pub fn is_cyber_surveillance(self) -> bool {
        matches!(
            self,
            Capability::IntrusionSoftware
                | Capability::IpNetworkSurveillance
                | Capability::MonitoringCentre
                | Capability::MobileInterception
                | Capability::ForensicExtraction
                | Capability::FacialRecognition
                | Capability::EmotionRecognition
                | Capability::LocationTracking
                | Capability::VideoSurveillance
        )
    }
}

named_enum! {
    /// End-use category.
    pub enum EndUseCategory {
        /// Civil commercial use.
        Civil = "civil",
        /// Law enforcement.
        LawEnforcement = "law-enforcement",
        /// Military.
        Military = "military",
        /// Intelligence or state security.
        Intelligence = "intelligence",
        /// Security research.
        SecurityResearch = "security-research",
        /// Vulnerability disclosure.
        VulnerabilityDisclosure = "vulnerability-disclosure",
        /// Cyber incident response.
        IncidentResponse = "incident-response",
        /// Weapons of mass destruction.
        Wmd = "wmd",
        /// Unknown.
        Unknown = "unknown",
    }
}

named_enum! {
    /// What the transaction is.
    pub enum TransactionKind {
        /// Physical export.
        Export = "export",
        /// Re-export of goods previously imported.
        ReExport = "re-export",
        /// Transfer within a foreign country.
        InCountryTransfer = "in-country-transfer",
        /// Intangible transfer of software or technology.
        IntangibleTransfer = "intangible-transfer",
        /// Brokering between third countries.
        Brokering = "brokering",
        /// Technical assistance.
        TechnicalAssistance = "technical-assistance",
        /// Transit.
        Transit = "transit",
    }
}

named_enum! {
    /// An attribute of an item on which a control list's text turns. See the
    /// WIT contract for each one's legal test.
    pub enum ItemAttribute {
        /// Specially designed for the covert surveillance of natural persons
        /// (Reg. 2021/821 Art. 2(20)).
        CovertSurveillance = "covert-surveillance",
        /// Excluded from its control code by a control-list note.
        ExcludedByNote = "excluded-by-note",
        /// Publicly available.
        PubliclyAvailable = "publicly-available",
        /// Uses or performs cryptography for information security.
        Encryption = "encryption",
    }
}

named_enum! {
    /// A control list other than the dual-use and military lists.
    pub enum ControlList {
        /// Reg. 2019/125 Annex II.
        AntiTortureAnnexIi = "anti-torture-annex-ii",
        /// Reg. 2019/125 Annex III.
        AntiTortureAnnexIii = "anti-torture-annex-iii",
        /// Reg. 2019/125 Annex IV.
        AntiTortureAnnexIv = "anti-torture-annex-iv",
        /// A national list entry of the exporting jurisdiction.
        National = "national",
    }
}

named_enum! {
    /// The legal basis of an authority's notice.
    pub enum NoticeBasis {
        /// Reg. 2021/821 Art. 4(1).
        EuDualUseArt4 = "eu-dual-use-art4",
        /// Reg. 2021/821 Art. 5(1).
        EuDualUseArt5 = "eu-dual-use-art5",
        /// UK Export Control Order 2008 art. 12A.
        UkEcoArt12a = "uk-eco-art12a",
        /// A US "is informed" letter.
        UsIsInformed = "us-is-informed",
        /// Another catch-all notice.
        Other = "other",
    }
}

named_enum! {
    /// An assurance that mitigates risk.
    pub enum Mitigation {
        /// Signed end-user undertaking.
        EndUserUndertaking = "end-user-undertaking",
        /// Government-issued end-use certificate.
        EndUseCertificate = "end-use-certificate",
        /// Assurance not to re-export without consent.
        ReExportAssurance = "re-export-assurance",
        /// Post-shipment verification.
        PostShipmentVerification = "post-shipment-verification",
        /// Government-to-government assurance.
        GovernmentAssurance = "government-assurance",
    }
}

named_enum! {
    /// The six commitments of the ECHRI Code of Conduct (2023).
    pub enum Commitment {
        /// Take human rights into account in reviewing dual-use exports.
        HumanRightsReview = "human-rights-review",
        /// Consult the private sector, academia and civil society.
        StakeholderConsultation = "stakeholder-consultation",
        /// Share information on emerging threats and risks.
        InformationSharing = "information-sharing",
        /// Share best practices.
        BestPractices = "best-practices",
        /// Encourage private-sector due diligence (UN Guiding Principles).
        PrivateSectorDueDiligence = "private-sector-due-diligence",
        /// Help non-subscribing states build capacity.
        CapacityBuilding = "capacity-building",
    }
}

named_enum! {
    /// A stipulated fact. See the WIT contract for each fact's legal test.
    pub enum RiskFact {
        /// Clear risk of internal repression (UK Criterion 2, EU CP Criterion Two).
        ClearRiskInternalRepression = "clear-risk-internal-repression",
        /// Substantial risk of a serious violation after mitigation (Canada EIPA s. 7.4).
        SubstantialRiskSeriousViolation = "substantial-risk-serious-violation",
        /// Serious violations established by competent UN, EU or CoE bodies.
        SeriousViolationsEstablished = "serious-violations-established",
        /// The end user targets journalists, activists or dissidents.
        JournalistsTargeted = "journalists-targeted",
        /// Civil disorder in the destination.
        CivilDisorder = "civil-disorder",
        /// Consistent pattern of gross violations by the destination's government.
        GrossViolationsPattern = "gross-violations-pattern",
        /// Exporter aware of intended misuse (EU Art. 5(2)).
        ExporterAwareOfMisuse = "exporter-aware-of-misuse",
        /// Exporter informed by the authority (EU Art. 5(1)).
        ExporterInformedByAuthority = "exporter-informed-by-authority",
        /// Knowledge of intended unauthorised access (EAR 740.22(c)(2)).
        UnauthorisedAccessKnowledge = "unauthorised-access-knowledge",
        /// Management declaration supplied (Denmark).
        ManagementDeclarationSupplied = "management-declaration-supplied",
        /// Military end use.
        MilitaryEndUse = "military-end-use",
        /// WMD end use.
        WmdEndUse = "wmd-end-use",
        /// Clear risk of serious IHL violations (CP Criterion Two (c), UK 2(c)).
        ClearRiskSeriousIhlViolation = "clear-risk-serious-ihl-violation",
        /// Risk of serious gender-based violence (EIPA s. 7.3(1)(b)).
        RiskGenderBasedViolence = "risk-gender-based-violence",
        /// Risk of terrorism (EIPA s. 7.3(1)(b)(iii)).
        RiskTerrorism = "risk-terrorism",
        /// Risk of transnational organised crime (EIPA s. 7.3(1)(b)(iv)).
        RiskOrganisedCrime = "risk-organised-crime",
        /// Risk of diversion or re-transfer (CP Criterion Seven, ATT Art. 11).
        RiskDiversion = "risk-diversion",
        /// Reasonable grounds to believe in use for torture (Reg. 2019/125 Art. 12).
        TortureUseGrounds = "torture-use-grounds",
        /// Grounds for suspecting (Reg. 2021/821 Art. 5(3)).
        GroundsForSuspecting = "grounds-for-suspecting",
        /// The end user itself has committed serious violations.
        EndUserPastViolations = "end-user-past-violations",
        /// The end user engages in transnational repression.
        TransnationalRepression = "transnational-repression",
    }
}

impl RiskFact {
    /// The facts 0.1.0 of the contract could state (a 0.1.0 module sees
    /// only these).
    pub const V0_1: &'static [RiskFact] = &[
        RiskFact::ClearRiskInternalRepression,
        RiskFact::SubstantialRiskSeriousViolation,
        RiskFact::SeriousViolationsEstablished,
        RiskFact::JournalistsTargeted,
        RiskFact::CivilDisorder,
        RiskFact::GrossViolationsPattern,
        RiskFact::ExporterAwareOfMisuse,
        RiskFact::ExporterInformedByAuthority,
        RiskFact::UnauthorisedAccessKnowledge,
        RiskFact::ManagementDeclarationSupplied,
        RiskFact::MilitaryEndUse,
        RiskFact::WmdEndUse,
    ];
}

/// A calendar date. Serialised as `YYYY-MM-DD`; TOML case files may also
/// write it as a bare TOML date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A checked date.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, String> {
        if !(1..=9999).contains(&year) {
            return Err(format!("year {year} is out of range 1 to 9999"));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} is out of range 1 to 12"));
        }
        if day == 0 || day > Date::days_in_month(year, month) {
            return Err(format!("day {day} does not exist in {year}-{month:02}"));
        }
        Ok(Date { year, month, day })
    }

    /// A date written in the source, for rule tables and [`Rule`](crate::rule::Rule)
    /// declarations such as listing and commencement dates.
    ///
    /// The date is checked as [`Date::new`] checks it (year 1 to 9999, a
    /// month that exists, a day that exists in that month, leap years
    /// included), and an impossible date panics. In a `const` or `static`
    /// item the check runs at compile time, so a table with 2021-02-29 does
    /// not build:
    ///
    /// ```compile_fail
    /// use echri_sdk::model::Date;
    /// const NOT_A_DAY: Date = Date::ymd(2021, 2, 29);
    /// ```
    ///
    /// ```
    /// use echri_sdk::model::Date;
    /// const LEAP_DAY: Date = Date::ymd(2024, 2, 29);
    /// assert_eq!(LEAP_DAY.to_string(), "2024-02-29");
    /// ```
    pub const fn ymd(year: u16, month: u8, day: u8) -> Date {
        assert!(
            year >= 1 && year <= 9999,
            "Date::ymd: year out of range 1 to 9999"
        );
        assert!(
            month >= 1 && month <= 12,
            "Date::ymd: month out of range 1 to 12"
        );
        assert!(
            day >= 1 && day <= Date::days_in_month(year, month),
            "Date::ymd: no such day in this month"
        );
        Date { year, month, day }
    }

    /// The number of days in `month` (1 to 12) of `year`, leap years
    /// included; 0 for a month that does not exist.
    pub const fn days_in_month(year: u16, month: u8) -> u8 {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            _ => 0,
        }
    }

    /// The year.
    pub const fn year(self) -> u16 {
        self.year
    }
    /// The month, 1 to 12.
    pub const fn month(self) -> u8 {
        self.month
    }
    /// The day of the month.
    pub const fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Date, String> {
        let bad = || format!("invalid date `{s}`, expected YYYY-MM-DD");
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u16, String> {
            let part = &s[r];
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse::<u16>().map_err(|_| bad())
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        Date::new(y, m as u8, d as u8).map_err(|e| format!("invalid date `{s}`: {e}"))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date `YYYY-MM-DD`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }
            // A bare TOML date arrives as a one-entry map holding its text.
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                let Some((_key, text)) = map.next_entry::<String, String>()? else {
                    return Err(serde::de::Error::custom("expected a date"));
                };
                text.parse().map_err(serde::de::Error::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// Implements string-backed validated newtypes: `Deref<Target = str>`,
/// `Display`, and serde through `TryFrom<String>`, so an invalid value is
/// rejected while parsing, with the parser's file position.
macro_rules! validated_string {
    ($name:ident) => {
        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<$name, String> {
                $name::try_from(s.to_owned())
            }
        }
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let s = String::deserialize(d)?;
                $name::try_from(s).map_err(serde::de::Error::custom)
            }
        }
    };
}

/// An ISO 3166-1 alpha-2 country code, upper case, officially assigned.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Country(String);
validated_string!(Country);

impl TryFrom<String> for Country {
    type Error = String;
    fn try_from(s: String) -> Result<Country, String> {
        if countries::is_assigned(&s) {
            Ok(Country(s))
        } else if countries::is_assigned(&s.to_ascii_uppercase()) {
            Err(format!(
                "country code `{s}` must be upper case: `{}`",
                s.to_ascii_uppercase()
            ))
        } else if s == "UK" {
            Err(
                "unknown country code `UK`: the ISO 3166-1 code of the United Kingdom is `GB`"
                    .into(),
            )
        } else {
            Err(format!(
                "unknown country code `{s}`, expected an ISO 3166-1 alpha-2 code such as `DE`"
            ))
        }
    }
}

impl Country {
    /// The code as a string slice.
    pub fn code(&self) -> &str {
        &self.0
    }
}

/// A control-list entry: an ECCN or Wassenaar/EU dual-use code such as
/// `5A001.j` or `4E001.c`, a military list entry such as `ML1` or `ML10.a`,
/// or `EAR99` for an item that is not on any list.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ControlCode(String);
validated_string!(ControlCode);

impl TryFrom<String> for ControlCode {
    type Error = String;
    fn try_from(s: String) -> Result<ControlCode, String> {
        if s == "EAR99" || is_list_code(&s) || is_military_code(&s) {
            Ok(ControlCode(s))
        } else {
            Err(format!(
                "invalid control code `{s}`, expected a code such as `5A001.j`, `ML10` or `EAR99`"
            ))
        }
    }
}

/// `[0-9][A-E][0-9]{3}` then `.x` sub-items (lower-case letters or digits).
fn is_list_code(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 {
        return false;
    }
    let head = b[0].is_ascii_digit()
        && (b'A'..=b'E').contains(&b[1])
        && b[2..5].iter().all(u8::is_ascii_digit);
    head && sub_items_ok(&s[5..])
}

/// `ML` then 1 to 22, then `.x` sub-items.
fn is_military_code(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("ML") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return false;
    }
    let Ok(n) = rest[..digits].parse::<u8>() else {
        return false;
    };
    (1..=22).contains(&n) && sub_items_ok(&rest[digits..])
}

fn sub_items_ok(mut rest: &str) -> bool {
    while let Some(after_dot) = rest.strip_prefix('.') {
        let len = after_dot
            .bytes()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            .count();
        if len == 0 || len > 3 {
            return false;
        }
        rest = &after_dot[len..];
    }
    rest.is_empty()
}

impl ControlCode {
    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `EAR99`: subject to the EAR but on no list; read by every other
    /// jurisdiction as "not listed".
    pub fn is_unlisted(&self) -> bool {
        self.0 == "EAR99"
    }

    /// A military list (`ML`) entry.
    pub fn is_military(&self) -> bool {
        self.0.starts_with("ML")
    }

    /// Whether this code is `parent` or one of its sub-items:
    /// `5A001.j` is under `5A001`, `5D002.a.3.b` under `5D002.a`, but `5A001`
    /// is not under `5A001.j`, and `5A0011` under nothing of `5A001`.
    pub fn is_under(&self, parent: &str) -> bool {
        match self.0.strip_prefix(parent) {
            Some("") => true,
            Some(rest) => rest.starts_with('.'),
            None => false,
        }
    }

    /// Whether this code is under any of `parents`.
    pub fn is_under_any(&self, parents: &[&str]) -> bool {
        parents.iter().any(|p| self.is_under(p))
    }

    /// The five-character ECCN head (`5A001` of `5A001.j`), if any.
    pub fn eccn(&self) -> Option<&str> {
        is_list_code(&self.0).then(|| &self.0[..5])
    }

    /// Whether the code is on the multilateral (Wassenaar, MTCR, NSG,
    /// Australia Group) dual-use list that the EU, UK, Canada, Australia and
    /// Norway transpose: a list code whose three-digit number is below 500.
    /// US-only ECCNs (`0A982`, `0A503`, the 9x9 series) and `EAR99` are not.
    ///
    /// Simplification: this follows the ECCN numbering convention, not each
    /// list's text; national numbering differences are not modelled.
    pub fn is_multilateral_dual_use(&self) -> bool {
        match self.eccn() {
            Some(head) => head[2..5].parse::<u16>().is_ok_and(|n| n < 500),
            None => false,
        }
    }
}

/// One item of an export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Control code.
    pub control_code: ControlCode,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Capabilities.
    #[serde(default)]
    pub capabilities: Vec<Capability>,
    /// Attributes the list texts turn on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<ItemAttribute>,
    /// Entries on other control lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_lists: Vec<ListEntry>,
}

/// An entry on a control list other than the dual-use and military lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListEntry {
    /// The list.
    pub list: ControlList,
    /// The entry as the list writes it, e.g. `2.1` or `PL5001`.
    pub entry: String,
}

impl Item {
    /// An item with `control_code` and nothing else stated.
    pub fn coded(control_code: ControlCode) -> Item {
        Item {
            control_code,
            description: String::new(),
            capabilities: Vec::new(),
            attributes: Vec::new(),
            other_lists: Vec::new(),
        }
    }

    /// Whether the item has `attribute`.
    pub fn is(&self, attribute: ItemAttribute) -> bool {
        self.attributes.contains(&attribute)
    }

    /// Whether the item is on `list` (any entry).
    pub fn on_list(&self, list: ControlList) -> bool {
        self.other_lists.iter().any(|e| e.list == list)
    }

    /// Whether the item has `capability`.
    pub fn has(&self, capability: Capability) -> bool {
        self.capabilities.contains(&capability)
    }

    /// Whether any capability makes this a cyber-surveillance item.
    pub fn is_cyber_surveillance(&self) -> bool {
        self.capabilities.iter().any(|c| c.is_cyber_surveillance())
    }
}

/// A party.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Name.
    pub name: String,
    /// Country.
    pub country: Country,
    /// Kind.
    pub kind: PartyKind,
    /// Role.
    pub role: PartyRole,
    /// Sector.
    #[serde(default = "unspecified", skip_serializing_if = "is_unspecified")]
    pub sector: Sector,
    /// Subsidiary of a US-headquartered company.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub us_subsidiary: bool,
    /// Other names the party is known by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Country of the party's address, where it differs from `country`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_country: Option<Country>,
    /// The party's parent organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Share owned by a state, in per cent (0 to 100).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "percent"
    )]
    pub state_ownership_percent: Option<u8>,
    /// An individual's nationality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<Country>,
}

fn percent<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    let v = Option::<u8>::deserialize(d)?;
    match v {
        Some(p) if p > 100 => Err(serde::de::Error::custom(format!(
            "a share of {p} per cent is more than 100"
        ))),
        v => Ok(v),
    }
}

impl Party {
    /// A party with the four facts every party has, and nothing else
    /// stated.
    pub fn new(
        name: impl Into<String>,
        country: Country,
        kind: PartyKind,
        role: PartyRole,
    ) -> Party {
        Party {
            name: name.into(),
            country,
            kind,
            role,
            sector: Sector::Unspecified,
            us_subsidiary: false,
            aliases: Vec::new(),
            address_country: None,
            parent: None,
            state_ownership_percent: None,
            nationality: None,
        }
    }

    /// The party's name and aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The transaction: what it is and where the exporter is.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transaction {
    /// What the transaction is.
    #[serde(default)]
    pub kind: TransactionKind,
    /// The exporter's country; `None`: the jurisdiction of the module
    /// assessing the case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exporter_country: Option<Country>,
    /// The exporter's region (ISO 3166-2, e.g. `GB-NIR`), where law differs
    /// within the country.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "region"
    )]
    pub exporter_region: Option<String>,
}

#[allow(
    clippy::derivable_impls,
    reason = "the enum is declared by `named_enum!`, which derives no `Default`"
)]
impl Default for TransactionKind {
    fn default() -> TransactionKind {
        TransactionKind::Export
    }
}

impl Transaction {
    /// Whether this is the 0.1.0 contract's only transaction: an export by
    /// an exporter in the assessing jurisdiction.
    pub fn is_default(&self) -> bool {
        *self == Transaction::default()
    }

    /// Whether the exporter is in `jurisdiction` (always, when the case
    /// leaves the exporter's country open).
    pub fn exporter_in(&self, jurisdiction: &str) -> bool {
        self.exporter_country
            .as_ref()
            .is_none_or(|c| c.code() == jurisdiction)
    }
}

/// Checks an ISO 3166-2 subdivision code: an assigned country code, `-`,
/// one to three upper-case letters or digits.
pub fn check_region(s: &str) -> Result<(), String> {
    let bad = || format!("invalid region `{s}`, expected an ISO 3166-2 code such as `GB-NIR`");
    let (country, sub) = s.split_once('-').ok_or_else(bad)?;
    if !countries::is_assigned(country)
        || sub.is_empty()
        || sub.len() > 3
        || !sub
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(bad());
    }
    Ok(())
}

fn region<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Option::<String>::deserialize(d)?;
    if let Some(r) = &v {
        check_region(r).map_err(serde::de::Error::custom)?;
    }
    Ok(v)
}

/// An authority's notice to the exporter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// The legal basis.
    pub basis: NoticeBasis,
    /// The authority's country.
    pub authority: Country,
    /// The date of the notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// A partner state's earlier refusal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorDenial {
    /// The refusing state.
    pub by: Country,
    /// The date of the refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Whether the refused transaction was essentially identical.
    #[serde(default)]
    pub essentially_identical: bool,
}

fn unspecified() -> Sector {
    Sector::Unspecified
}
fn is_unspecified(s: &Sector) -> bool {
    *s == Sector::Unspecified
}

/// The stated end use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndUse {
    /// Category.
    pub category: EndUseCategory,
    /// Free text.
    #[serde(default)]
    pub description: String,
}

impl Default for EndUse {
    fn default() -> EndUse {
        EndUse {
            category: EndUseCategory::Unknown,
            description: String::new(),
        }
    }
}

/// At least one item. Checked while parsing so the error carries a position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Item>")]
pub struct Items(Vec<Item>);

impl TryFrom<Vec<Item>> for Items {
    type Error = String;
    fn try_from(v: Vec<Item>) -> Result<Items, String> {
        if v.is_empty() {
            Err("a case needs at least one item".into())
        } else if v.len() > MAX_ITEMS {
            Err(format!(
                "a case has at most {MAX_ITEMS} items, this one has {}",
                v.len()
            ))
        } else {
            Ok(Items(v))
        }
    }
}

impl Deref for Items {
    type Target = [Item];
    fn deref(&self) -> &[Item] {
        &self.0
    }
}

/// At least one party with the end-user role. Checked while parsing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Party>")]
pub struct Parties(Vec<Party>);

impl TryFrom<Vec<Party>> for Parties {
    type Error = String;
    fn try_from(v: Vec<Party>) -> Result<Parties, String> {
        if !v.iter().any(|p| p.role == PartyRole::EndUser) {
            Err("a case needs at least one party with role `end-user`".into())
        } else if v.len() > MAX_PARTIES {
            Err(format!(
                "a case has at most {MAX_PARTIES} parties, this one has {}",
                v.len()
            ))
        } else {
            Ok(Parties(v))
        }
    }
}

impl Deref for Parties {
    type Target = [Party];
    fn deref(&self) -> &[Party] {
        &self.0
    }
}

/// Upper bound on items per case: a real application lists a handful.
pub const MAX_ITEMS: usize = 1000;
/// Upper bound on parties per case.
pub const MAX_PARTIES: usize = 1000;

/// One export licence case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Identifier.
    pub id: String,
    /// Decided as of.
    pub as_of: Date,
    /// Destination country.
    pub destination: Country,
    /// End use.
    #[serde(default)]
    pub end_use: EndUse,
    /// Stipulated facts.
    #[serde(default)]
    pub facts: Vec<RiskFact>,
    /// The transaction and the exporter's location.
    #[serde(default, skip_serializing_if = "Transaction::is_default")]
    pub transaction: Transaction,
    /// Authorities' notices to the exporter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
    /// Earlier refusals by partner states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prior_denials: Vec<PriorDenial>,
    /// Assurances offered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mitigations: Vec<Mitigation>,
    /// Items, at least one.
    pub items: Items,
    /// Parties, at least one end user.
    pub parties: Parties,
}

impl Case {
    /// Builds a case from parts, checking what parsing would check.
    pub fn new(
        id: impl Into<String>,
        as_of: Date,
        destination: Country,
        items: Vec<Item>,
        parties: Vec<Party>,
        end_use: EndUse,
        facts: Vec<RiskFact>,
    ) -> Result<Case, CaseError> {
        Ok(Case {
            id: id.into(),
            as_of,
            destination,
            items: Items::try_from(items).map_err(|m| CaseError::new("items", m))?,
            parties: Parties::try_from(parties).map_err(|m| CaseError::new("parties", m))?,
            end_use,
            facts,
            transaction: Transaction::default(),
            notices: Vec::new(),
            prior_denials: Vec::new(),
            mitigations: Vec::new(),
        })
    }

    /// Whether the exporter has a notice with `basis` from the authority
    /// of `jurisdiction`. For Art. 5(1) of the EU Regulation the 0.1.0 fact
    /// `exporter-informed-by-authority` counts as such a notice.
    pub fn notified(&self, basis: NoticeBasis, jurisdiction: &str) -> bool {
        self.notices
            .iter()
            .any(|n| n.basis == basis && n.authority.code() == jurisdiction)
            || (basis == NoticeBasis::EuDualUseArt5
                && self.has(RiskFact::ExporterInformedByAuthority))
    }

    /// Whether `mitigation` is offered.
    pub fn mitigated_by(&self, mitigation: Mitigation) -> bool {
        self.mitigations.contains(&mitigation)
    }

    /// Whether `fact` is stipulated.
    pub fn has(&self, fact: RiskFact) -> bool {
        self.facts.contains(&fact)
    }

    /// The end users.
    pub fn end_users(&self) -> impl Iterator<Item = &Party> {
        self.parties.iter().filter(|p| p.role == PartyRole::EndUser)
    }

    /// Whether any end user satisfies `pred`.
    pub fn any_end_user(&self, pred: impl Fn(&Party) -> bool) -> bool {
        self.end_users().any(pred)
    }

    /// Whether any item satisfies `pred`.
    pub fn any_item(&self, pred: impl Fn(&Item) -> bool) -> bool {
        self.items.iter().any(pred)
    }

    /// Whether the end use or an end user is military.
    pub fn is_military_end_use(&self) -> bool {
        self.end_use.category == EndUseCategory::Military
            || self.has(RiskFact::MilitaryEndUse)
            || self.any_end_user(|p| p.kind == PartyKind::Military)
    }

    /// Whether the end use or an end user is military, security forces,
    /// intelligence or police.
    pub fn is_security_end_use(&self) -> bool {
        self.is_military_end_use()
            || matches!(
                self.end_use.category,
                EndUseCategory::LawEnforcement | EndUseCategory::Intelligence
            )
            || self.any_end_user(|p| p.kind.is_security_force())
    }
}

/// One rule's finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Rule id, e.g. `US-EL-PoD`.
    pub rule_id: String,
    /// Legal citation.
    pub citation: String,
    /// Why the rule applies.
    pub explanation: String,
    /// The outcome this rule alone gives.
    pub outcome: Outcome,
    /// A documented assumption the rule rests on, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

impl Finding {
    /// A finding with a free-form id and citation.
    ///
    /// Not for rule crates: a rule crate declares each rule once as a
    /// [`Rule`](crate::rule::Rule) and makes its findings with
    /// [`Rule::finding`](crate::rule::Rule::finding), so that every id it
    /// emits is in its catalogue ([`crate::testing::check_catalogue`] fails
    /// on a `Finding::new` call in a rule crate's sources). Kept public, and
    /// hidden from the docs, for the SDK itself and for test modules that
    /// fabricate findings on purpose.
    #[doc(hidden)]
    pub fn new(
        rule_id: impl Into<String>,
        citation: impl Into<String>,
        outcome: Outcome,
        explanation: impl Into<String>,
    ) -> Finding {
        Finding {
            rule_id: rule_id.into(),
            citation: citation.into(),
            explanation: explanation.into(),
            outcome,
            assumption: None,
        }
    }

    /// Records the assumption this finding rests on, replacing any standing
    /// assumption of its rule ([`Rule::assumption`](crate::rule::Rule::assumption)).
    pub fn assuming(mut self, assumption: impl Into<String>) -> Finding {
        self.assumption = Some(assumption.into());
        self
    }

    /// Adds a case-specific assumption after the one already recorded (the
    /// rule's standing assumption, say), separated by `"; "`; the same as
    /// [`Finding::assuming`] when there is none yet.
    pub fn also_assuming(mut self, assumption: impl Into<String>) -> Finding {
        let extra = assumption.into();
        self.assumption = Some(match self.assumption.take() {
            Some(standing) => format!("{standing}; {extra}"),
            None => extra,
        });
        self
    }

    /// Replaces the rule's citation with the provision as it applies to this
    /// case: the version of the law in force on the case date, or a pinpoint
    /// within the provision the rule cites (the section for the destination,
    /// the Federal Register rule that listed the entity). The rule id stays
    /// the rule's.
    pub fn citing(mut self, citation: impl Into<String>) -> Finding {
        self.citation = citation.into();
        self
    }

    /// Whether this finding was made by `rule` (compares ids).
    pub fn is(&self, rule: &crate::rule::Rule) -> bool {
        self.rule_id == rule.id
    }
}

/// A module's decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Overall outcome.
    pub outcome: Outcome,
    /// Findings, in evaluation order.
    pub findings: Vec<Finding>,
    /// Licence conditions.
    #[serde(default)]
    pub conditions: Vec<String>,
}

impl Assessment {
    /// The overall outcome is the findings' outcomes combined
    /// ([`Outcome::combine`]: the most restrictive on the scale, or
    /// not-determined over anything short of a refusal), or no licence
    /// required when no rule applied.
    pub fn most_restrictive(findings: Vec<Finding>) -> Assessment {
        let outcome = Outcome::combine_all(findings.iter().map(|f| f.outcome))
            .unwrap_or(Outcome::NoLicenceRequired);
        Assessment {
            outcome,
            findings,
            conditions: Vec::new(),
        }
    }

    /// Adds a licence condition.
    pub fn with_condition(mut self, condition: impl Into<String>) -> Assessment {
        self.conditions.push(condition.into());
        self
    }

    /// The findings that decided the outcome (those whose own outcome equals
    /// the overall outcome).
    pub fn decisive(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| f.outcome == self.outcome)
    }

    /// Whether a finding with `rule_id` is present.
    pub fn has_rule(&self, rule_id: &str) -> bool {
        self.findings.iter().any(|f| f.rule_id == rule_id)
    }
}

/// A source of law.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
}

impl Source {
    /// A source.
    pub fn new(title: impl Into<String>, url: impl Into<String>) -> Source {
        Source {
            title: title.into(),
            url: url.into(),
        }
    }
}

/// The period a module's law is stated for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// The first day; `None` when the module does not say (a 0.1.0 module).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// The last day: the date the law is stated as of.
    pub until: Date,
}

impl Period {
    /// `from` to `until`.
    pub const fn new(from: Date, until: Date) -> Period {
        Period {
            from: Some(from),
            until,
        }
    }

    /// Whether `date` is before the period starts.
    pub fn is_before(&self, date: Date) -> bool {
        self.from.is_some_and(|from| date < from)
    }

    /// Whether `date` is after the period ends.
    pub fn is_after(&self, date: Date) -> bool {
        date > self.until
    }
}

/// One rule of a module's catalogue, as `info()` reports it (the owned form
/// of [`Rule`](crate::rule::Rule)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleInfo {
    /// Rule id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Citation.
    pub citation: String,
    /// First day the rule applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<Date>,
    /// Last day the rule applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_until: Option<Date>,
    /// Standing assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

impl From<&crate::rule::Rule> for RuleInfo {
    fn from(r: &crate::rule::Rule) -> RuleInfo {
        RuleInfo {
            id: r.id.into(),
            title: r.title.into(),
            citation: r.citation.into(),
            applies_from: r.applies_from,
            applies_until: r.applies_until,
            assumption: r.assumption.map(Into::into),
        }
    }
}

/// How a jurisdiction implements one Code of Conduct commitment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    /// The commitment.
    pub commitment: Commitment,
    /// How it is implemented.
    pub how: String,
    /// Where: the provision, policy or programme.
    pub citation: String,
}

impl Declaration {
    /// A declaration.
    pub fn new(
        commitment: Commitment,
        how: impl Into<String>,
        citation: impl Into<String>,
    ) -> Declaration {
        Declaration {
            commitment,
            how: how.into(),
            citation: citation.into(),
        }
    }
}

/// Describes a rule module.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleInfo {
    /// Jurisdiction (ISO 3166-1 alpha-2).
    pub jurisdiction: String,
    /// Name of the rule set.
    pub name: String,
    /// Licensing authority.
    pub authority: String,
    /// Version.
    pub version: String,
    /// The period the modelled law is stated for.
    pub stated_for: Period,
    /// Sources.
    pub sources: Vec<Source>,
    /// The rule catalogue. A rule crate leaves it empty: the export glue
    /// (and [`crate::describe`]) fills it from
    /// [`RuleModule::catalogue`](crate::RuleModule::catalogue).
    #[serde(default)]
    pub rules: Vec<RuleInfo>,
    /// The Code of Conduct commitments the jurisdiction declares.
    #[serde(default)]
    pub commitments: Vec<Declaration>,
}

/// The case cannot be assessed by a module.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseError {
    /// The field at fault.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl CaseError {
    /// An error about `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> CaseError {
        CaseError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: {}", self.field, self.message)
    }
}

impl std::error::Error for CaseError {}
