//! The Code of Conduct of the Export Controls and Human Rights Initiative
//! (30 March 2023), and a module's declaration of how its jurisdiction
//! implements each of the six commitments.
//!
//! The Code is a set of voluntary political commitments. A module can show
//! in its rules how a jurisdiction takes human rights into account in
//! licensing (the first commitment), because that is what the rules model;
//! the other five (consultation, information sharing, best practice,
//! private-sector due diligence, capacity building) are practices outside
//! any licensing decision. [`declarations`] says so in those five entries,
//! rather than inventing a national programme the module's sources do not
//! name.

use crate::model::{Commitment, Declaration};

/// The Code of Conduct, as cited in the declarations.
pub const CODE: &str = "Export Controls and Human Rights Initiative Code of Conduct \
    (30 March 2023)";

/// The declarations of a subscribing state whose human-rights review in
/// licensing is `how`, under `citation`: the first commitment with that
/// implementation, the other five as subscribed political commitments whose
/// national implementation the module does not model.
///
/// ```
/// use echri_sdk::conduct::declarations;
/// use echri_sdk::model::Commitment;
/// let d = declarations("Criterion 2 of the licensing criteria", "Toy Act s. 2");
/// assert_eq!(d.len(), 6);
/// assert_eq!(d[0].commitment, Commitment::HumanRightsReview);
/// assert_eq!(d[0].citation, "Toy Act s. 2");
/// ```
pub fn declarations(how: &str, citation: &str) -> Vec<Declaration> {
    Commitment::ALL
        .iter()
        .map(|&c| match c {
            Commitment::HumanRightsReview => Declaration::new(c, how, citation),
            _ => Declaration::new(
                c,
                "Subscribed as a political commitment; how it is carried out (outside \
                 licensing decisions) is not modelled by this module",
                CODE,
            ),
        })
        .collect()
}
