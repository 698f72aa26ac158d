//! Why a rule decided as it did, as data. `Display` writes the sentence the ledger carries;
//! code that needs to know what a rule saw (the section read from a breadcrumb, say) matches a
//! variant and its fields, never the words, so rewording a reason cannot break a field.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::rule::Rule;

/// The reason of one verdict. Each variant is one rule's finding; its fields are what the rule
/// measured, and `Display` turns them into the sentence shown in records and `explain`.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    // Kept.
    /// A block the rules had no objection to, outside any finer reading.
    Body,
    /// A heading inside the article's run of prose.
    Subheading,
    /// A list item inside the article.
    ListItem,
    /// A table inside the article.
    TableInside,
    /// A drop cap scraped as a block of its own, joined to the word it begins.
    DropCap,
    /// Code inside the article.
    CodeInside,
    /// A block quotation inside the article.
    QuotationInside,
    /// A short unpunctuated line between paragraphs.
    ShortLineBetween,
    /// Prose inside the article, with its words.
    Prose { words: usize },
    /// On a page that is not an article, a block inside its content container.
    ContentContainer,
    /// The block model kept what a rule dropped.
    ModelKeep {
        p: f64,
        overruled: Rule,
        /// The features that weighed most, as `name=value` parts.
        why: String,
    },

    // Dropped.
    /// The block model dropped what the rules kept.
    ModelDrop { p: f64, why: String },
    /// `--no-tables`.
    TablesLeftOut,
    /// An image with no text of its own.
    ImageEmbed,
    /// A phrase of a cue list (`data/lang/<code>/cues.txt`).
    CuePhrase {
        category: Rule,
        language: &'static str,
        phrase: &'static str,
    },
    /// Network names and sharing verbs.
    ShareLine,
    /// The same text elsewhere on the page.
    Repeated { copies: usize },
    /// Inside an element whose tag, class or id names boilerplate; `what` describes it.
    InsideContainer { what: String },
    /// Short parts joined by separators (`News / EU`).
    Breadcrumb { parts: usize },
    /// A line naming the author.
    Byline,
    /// A line holding the publication date, as ISO 8601.
    Dateline { iso: String },
    /// A caption ending in a photo credit.
    PhotoCredit,
    /// A line mostly of link text, inside or outside the article's run of prose.
    LinkLine { inside: bool, link_density: f32 },
    /// One of a run of short lines outside the article.
    MenuItem { run: usize },
    /// Before or after the article's run of prose, blocks `first`–`last` (1-based).
    OutsideRun { before: bool, first: usize, last: usize },
    /// One of a run of headline-like lines inside the article.
    TeaserRun { run: usize },
    /// After the comment section's header.
    CommentSection,
    /// A short block taken in by the run of boilerplate beside it.
    NextToRun { rule: Rule },
    /// Inside the run of boilerplate that ends the page.
    EndRun { rule: Rule },
    /// A dump's first line: headline and site name.
    TitleLine,
    /// The headline, repeating the title line; lifted into `provenance.title`.
    HeadlineRepeatsTitle,
    /// The headline above the article; lifted into `provenance.title`.
    HeadlineAbove,
    /// One of a run of teaser cards of the shape `what`.
    Cards { what: &'static str, count: usize },
    /// Seen in many documents of one outlet (`--learn`).
    SeenInOutlet { documents: u32, outlet: String },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Body => f.write_str("body"),
            Reason::Subheading => f.write_str("subheading inside the article"),
            Reason::DropCap => f.write_str("drop cap: the first letter of the paragraph after it"),
            Reason::ListItem => f.write_str("list item inside the article"),
            Reason::TableInside => f.write_str("table inside the article"),
            Reason::CodeInside => f.write_str("code inside the article"),
            Reason::QuotationInside => f.write_str("quotation inside the article"),
            Reason::ShortLineBetween => f.write_str("short line between article paragraphs (a subheading)"),
            Reason::Prose { words } => write!(f, "prose inside the article ({words} words)"),
            Reason::ContentContainer => f.write_str("in the content container of a page that is not an article"),
            Reason::ModelKeep { p, overruled, why } => {
                write!(f, "block model: content with p={p:.2}, overruling {overruled} ({why})")
            }
            Reason::ModelDrop { p, why } => write!(f, "block model: content with p={p:.2} only ({why})"),
            Reason::TablesLeftOut => f.write_str("a table, left out of the body (--no-tables)"),
            Reason::ImageEmbed => f.write_str("image embed"),
            Reason::CuePhrase {
                category,
                language,
                phrase,
            } => write!(f, "{category} phrase ({language}): \"{phrase}\""),
            Reason::ShareLine => f.write_str("a line of network names and sharing verbs"),
            Reason::Repeated { copies } => write!(f, "the same text appears {copies} more time(s) on the page"),
            Reason::InsideContainer { what } => write!(f, "inside {what}"),
            Reason::Breadcrumb { parts } => write!(f, "breadcrumb of {parts} parts"),
            Reason::Byline => f.write_str("byline naming the author"),
            Reason::Dateline { iso } => write!(f, "date line ({iso})"),
            Reason::PhotoCredit => f.write_str("caption ending in a photo credit"),
            Reason::LinkLine { inside, link_density } => write!(
                f,
                "link line {} the article ({:.0}% link text)",
                if *inside { "inside" } else { "outside" },
                link_density * 100.0
            ),
            Reason::MenuItem { run } => write!(f, "menu item (a run of {run} short lines)"),
            Reason::OutsideRun { before, first, last } => write!(
                f,
                "{} the article's main run of prose (blocks {first}–{last})",
                if *before { "before" } else { "after" }
            ),
            Reason::TeaserRun { run } => write!(f, "a run of {run} headline-like lines (a teaser list)"),
            Reason::CommentSection => f.write_str("in the comment section (after its header)"),
            Reason::NextToRun { rule } => write!(f, "short block next to a run of {rule}"),
            Reason::EndRun { rule } => write!(f, "inside the run of {rule} that ends the page"),
            Reason::TitleLine => f.write_str("the page's title line (headline and site name)"),
            Reason::HeadlineRepeatsTitle => {
                f.write_str("headline: repeats the page's title line (lifted into provenance.title)")
            }
            Reason::HeadlineAbove => f.write_str("headline above the article (lifted into provenance.title)"),
            Reason::Cards { what, count } => write!(f, "{what} ({count} in a row)"),
            Reason::SeenInOutlet { documents, outlet } => write!(f, "seen in {documents} documents of {outlet}"),
        }
    }
}

impl Reason {
    /// Whether two reasons read as the same sentence: the ledger joins neighbouring blocks
    /// whose verdicts read alike into one segment, and a probability or a share is shown
    /// rounded, so two blocks at p=0.312 and p=0.314 read alike.
    pub fn reads_as(&self, other: &Reason) -> bool {
        match (self, other) {
            (Reason::ModelKeep { .. }, Reason::ModelKeep { .. })
            | (Reason::ModelDrop { .. }, Reason::ModelDrop { .. })
            | (Reason::LinkLine { .. }, Reason::LinkLine { .. }) => self.to_string() == other.to_string(),
            _ => self == other,
        }
    }
}

/// Serialised as the sentence it reads as.
impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_as_sentences_with_their_measures() {
        assert_eq!(Reason::Breadcrumb { parts: 3 }.to_string(), "breadcrumb of 3 parts");
        assert_eq!(
            Reason::LinkLine {
                inside: false,
                link_density: 0.875
            }
            .to_string(),
            "link line outside the article (88% link text)"
        );
        assert_eq!(
            Reason::OutsideRun {
                before: true,
                first: 4,
                last: 9
            }
            .to_string(),
            "before the article's main run of prose (blocks 4–9)"
        );
        assert_eq!(
            Reason::ModelDrop {
                p: 0.126,
                why: "words=3".into()
            }
            .to_string(),
            "block model: content with p=0.13 only (words=3)"
        );
        let a = Reason::ModelDrop {
            p: 0.312,
            why: "words=3".into(),
        };
        let b = Reason::ModelDrop {
            p: 0.314,
            why: "words=3".into(),
        };
        assert!(a.reads_as(&b) && a != b);
        assert!(!a.reads_as(&Reason::Byline));
        assert_eq!(
            serde_json::to_string(&Reason::NextToRun { rule: Rule::Share })
                .ok()
                .as_deref(),
            Some("\"short block next to a run of share\"")
        );
    }
}
