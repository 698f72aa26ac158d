//! What several test files use: a generator of reports of one event.

/// A report of one event, the `n`th of many: the same people, places and quote in every report,
/// told in sentences chosen by `n` and sprinkled with numbers of its own, so that no two reports
/// are copies of each other (their word 5-shingles hardly meet) though every one names the same
/// things.
pub fn report(n: usize) -> String {
    fn pick(options: &[&'static str], n: usize) -> &'static str {
        options.get(n % options.len()).copied().unwrap_or_default()
    }
    let openings = [
        "Dutch Defence Minister Ruben Brekelmans met Estonian Prime Minister Kristen Michal in Tallinn on \
         day {n} at {n} to sign contract {n} of the Baltic Air Policing mission.",
        "Ruben Brekelmans and Kristen Michal signed, at {n} and after {n} minutes, the Baltic Air Policing \
         contract in Tallinn, report {n} said.",
        "In Tallinn, at hour {n}, Kristen Michal and Ruben Brekelmans put {n} signatures on the Baltic Air \
         Policing contract ({n}).",
    ];
    let jets = [
        "Four Dutch fighter jets, {n} pilots and {n} mechanics will patrol from Ämari Air Base until spring, \
         according to note {n}.",
        "The jets, flying {n} hours over {n} days a month, will take off from Ämari Air Base over {n} miles \
         of the Baltic.",
        "Crews of {n} will arrive at Ämari Air Base within {n} days of contract {n}.",
        "Ämari Air Base takes {n} Dutch jets for mission {n} of season {n}.",
    ];
    let quotes = [
        "“The Baltic states can count on us,” said Ruben Brekelmans after ceremony {n} at {n}.",
        "“The Baltic states can always count on us,” Ruben Brekelmans told {n} reporters at {n}.",
    ];
    let closing = [
        "Officials gave {n} further details at {n} on {n}.",
        "The mission is rotation {n}, after {n} and before {n}.",
        "NATO has run the mission for {n} rotations and {n} years, {n} officials said.",
        "Brekelmans flew home at {n} after meeting {n} and talk {n}.",
        "Michal thanked {n} pilots at gathering {n} in hall {n}.",
    ];
    let text = [
        pick(&openings, n),
        pick(&jets, n / 3),
        pick(&quotes, n / 12),
        pick(&closing, n / 24),
    ]
    .join("\n\n");
    let mut out = String::new();
    for (k, piece) in text.split("{n}").enumerate() {
        if k > 0 {
            out.push_str(&(n * 100 + k).to_string());
        }
        out.push_str(piece);
    }
    out
}
