//! An article's opening that rule tests put their spans around: three paragraphs, long enough
//! to be the main run of prose. Included by path (`#[path = "common/article.rs"]`) by the
//! files that use it.

/// Three paragraphs of an article, long enough to be its main run of prose.
pub const OPENING: &str = "The bridge will be closed for repairs from Monday, the city said, with traffic diverted \
through the eastern ring road for about six weeks while engineers replace the worn expansion joints.\n\n\
Drivers have been advised to allow extra time for their journeys, especially during the morning rush hour, \
when delays are expected to be longest and the ring road itself is already close to its capacity.\n\n\
The council said the work could not wait another winter, after an inspection in the spring found cracks \
in two of the supports and water getting into the deck along most of its length.\n\n";
