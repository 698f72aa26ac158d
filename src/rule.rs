//! The rules that keep or drop a span of the input: one typed list, with the stable kebab-case
//! ids records, explain output, the cue and hint data files and the block model's feature names
//! use. A leaf module: every stage names rules through it, and it imports nothing of pith.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why a span of the input is kept or dropped. The id ([`Rule::id`]) is what records carry
/// (`"rule": "outside-article"`); it never changes once published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Kept: the article's own text.
    Body,
    /// The headline block (provenance holds it as the title).
    Title,
    /// A dump's first line: the page title with the site name.
    TitleLine,
    /// Donation, subscription and newsletter appeals.
    Appeal,
    /// "By …" lines naming the author.
    Byline,
    /// Date and time lines.
    Dateline,
    /// Related links, teaser lists and cards.
    Related,
    /// Captions, photo credits, embedded media labels.
    Media,
    /// Menus, breadcrumbs, pagination, footers.
    Navigation,
    /// Share bars and lines of network names.
    Share,
    /// "This story first appeared on …" and agency footers.
    SourceFooter,
    /// Cookie, copyright and terms lines.
    Legal,
    /// The comment section.
    Comments,
    /// Outside the article's main run of prose.
    OutsideArticle,
    /// A short biography of the author after the article.
    AuthorBio,
    /// A paragraph the page prints more than once.
    RepeatedOnPage,
    /// A block seen on many pages of one outlet (`--learn`).
    RepeatedInOutlet,
    /// Dropped by the block model where no named rule claimed the block.
    Model,
    /// A table left out of the body (`--no-tables`).
    Table,
    /// Page markup before the first block (head, scripts, styles).
    Markup,
    /// Blank space outside any block.
    Whitespace,
}

impl Rule {
    /// Every rule, in declaration order.
    pub const ALL: [Rule; 21] = [
        Rule::Body,
        Rule::Title,
        Rule::TitleLine,
        Rule::Appeal,
        Rule::Byline,
        Rule::Dateline,
        Rule::Related,
        Rule::Media,
        Rule::Navigation,
        Rule::Share,
        Rule::SourceFooter,
        Rule::Legal,
        Rule::Comments,
        Rule::OutsideArticle,
        Rule::AuthorBio,
        Rule::RepeatedOnPage,
        Rule::RepeatedInOutlet,
        Rule::Model,
        Rule::Table,
        Rule::Markup,
        Rule::Whitespace,
    ];

    /// The stable kebab-case id.
    pub const fn id(self) -> &'static str {
        match self {
            Rule::Body => "body",
            Rule::Title => "title",
            Rule::TitleLine => "title-line",
            Rule::Appeal => "appeal",
            Rule::Byline => "byline",
            Rule::Dateline => "dateline",
            Rule::Related => "related",
            Rule::Media => "media",
            Rule::Navigation => "navigation",
            Rule::Share => "share",
            Rule::SourceFooter => "source-footer",
            Rule::Legal => "legal",
            Rule::Comments => "comments",
            Rule::OutsideArticle => "outside-article",
            Rule::AuthorBio => "author-bio",
            Rule::RepeatedOnPage => "repeated-on-page",
            Rule::RepeatedInOutlet => "repeated-in-outlet",
            Rule::Model => "model",
            Rule::Table => "table",
            Rule::Markup => "markup",
            Rule::Whitespace => "whitespace",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

/// An id that names no rule (a typo in a data file's section header, an edited record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown rule id {:?}", self.0)
    }
}

impl std::error::Error for UnknownRule {}

impl FromStr for Rule {
    type Err = UnknownRule;

    fn from_str(id: &str) -> Result<Self, Self::Err> {
        Rule::ALL
            .into_iter()
            .find(|r| r.id() == id)
            .ok_or_else(|| UnknownRule(id.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_match_serde() {
        for rule in Rule::ALL {
            assert_eq!(rule.id().parse::<Rule>(), Ok(rule));
            assert_eq!(serde_json::to_string(&rule).ok(), Some(format!("\"{}\"", rule.id())));
            assert_eq!(serde_json::from_str::<Rule>(&format!("\"{rule}\"")).ok(), Some(rule));
        }
        assert!("outside_article".parse::<Rule>().is_err());
        assert!("".parse::<Rule>().is_err());
    }

    #[test]
    fn ids_are_distinct_kebab_case() {
        let mut ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        assert!(ids
            .iter()
            .all(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Rule::ALL.len());
    }
}
