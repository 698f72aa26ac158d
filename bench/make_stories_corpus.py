"""Makes a synthetic JSONL corpus of N news documents for measuring `pith stories`: many small
events of 2 to 5 articles, one event of 2,048 articles, and unrelated single articles.

usage: python3 bench/make_stories_corpus.py N OUT.jsonl [--big 2048] [--seed 1]

Each event has its people (full names, one of them quoted), a place, an organisation, a few
topic words and a date; each of its articles is written by another outlet from sentences chosen
at random, so that no two are copies (variant groups) while all name the same things, and is
dated (in its URL, as pith reads it) within two days of the event. A single article is an event
of one. Names are made of syllables, unique to their event but for common given names. About
half the documents are in small events and half are single articles, besides the large event.

Each line is {"id", "url", "text"}; the id says where the document belongs (`e17-2` is the third
article of event 17, `big-5` of the large event, `s40` a single article), so stories can be
checked against it:

    pith stories --jsonl-in --jsonl OUT.jsonl > stories.jsonl
    python3 bench/make_stories_corpus.py --check OUT.jsonl stories.jsonl
"""
import datetime
import json
import random
import sys

SYLLABLES = ("ka ri mon tel vas lor den sa bru nik ol ta ver mi gan dor el pa sun zel ro fi "
             "ber lan tor qui nes hal vi dra mus ce pol yar ben tas ul go rim ast").split()
GIVEN = ("Anna Boris Clara David Elena Felix Greta Hugo Irene Jonas Karin Lukas Marta Nils Olga "
         "Pavel Rosa Simon Tanja Viktor Wanda Yusuf Zora Amir Bianca Carlos Dora Emil Farah "
         "Gustav Hana Igor Julia Kemal Lena Marek Nora Oskar Petra Rafael Sara Tomas Ulla Vera").split()
WORDS = ("budget bridge council contract harbour vaccine election strike drought wildfire railway "
         "factory merger lawsuit tariff pipeline reactor satellite festival museum stadium airport "
         "tunnel reservoir shipyard refinery hospital university orchestra library cathedral market "
         "currency pension subsidy reform ceasefire treaty summit embargo verdict inquiry protest "
         "audit recall outbreak flood earthquake landslide heatwave blizzard harvest fishery forest "
         "glacier coastline vineyard quarry mine turbine battery charger tram ferry cargo container "
         "warehouse bakery brewery tannery mill foundry bank insurer broker lender startup "
         "software chip network server cable antenna drone rocket telescope vaccine clinic "
         "nurse teacher farmer miner sailor pilot driver judge mayor minister senator governor").split()
FILLER = ("the officials said that the plan would take several months and cost more than expected",
          "residents gathered near the site as crews worked through the night",
          "the decision followed weeks of talks and a review of the figures",
          "critics questioned the timing while supporters welcomed the move",
          "analysts expect further announcements before the end of the quarter",
          "the agency published its report after a long delay",
          "local businesses reported a drop in trade during the closure",
          "a spokesperson declined to give further details on the matter",
          "the figures were higher than in any previous year on record",
          "engineers inspected the damage and promised repairs within weeks")


def name(rng, syllables=2):
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def event(rng, day, ident):
    people = [f"{rng.choice(GIVEN)} {name(rng, 3)}" for _ in range(3)]
    return {
        "id": ident,
        "people": people,
        "place": name(rng, 2) + rng.choice(["burg", "port", "ville", "stad", "field"]),
        "org": f"{name(rng, 2)} {rng.choice(['Group', 'Council', 'Authority', 'Institute', 'Union'])}",
        "topic": rng.sample(WORDS, 6),
        "day": day,
        "quote": f"we will not accept any {rng.choice(WORDS)} that puts the {rng.choice(WORDS)} at risk",
    }


def article(rng, ev, outlet):
    p, q, r = ev["people"]
    place, org = ev["place"], ev["org"]
    t = ev["topic"]
    surname = p.split()[1]
    sentences = [
        f"{p}, the head of the {org}, announced in {place} on Monday that the {t[0]} would go ahead.",
        f"The {org} confirmed the {t[0]} in {place} after talks with {q}.",
        f"In {place}, {q} and {p} met to discuss the {t[1]} and the {t[2]}.",
        f"{r} of the {org} said the {t[1]} had been planned for months in {place}.",
        f"Officials in {place} said the {t[3]} would be reviewed by the {org}.",
        f"The {t[2]} was the main subject when {p} spoke to reporters in {place}.",
        f"{q} told the council in {place} that the {t[4]} and the {t[5]} were linked.",
        f"According to {r}, the {org} will publish its findings on the {t[0]} next week.",
    ]
    rng.shuffle(sentences)
    quote = ev["quote"]
    if rng.random() < 0.5:
        quote = quote.replace("will not", "shall never")
    said = rng.choice([f"“{quote.capitalize()},” {surname} said.",
                       f"“{quote.capitalize()},” said {p}.",
                       f"{p} said: “{quote.capitalize()}.”"])
    paragraphs = [" ".join(sentences[:2]), said, " ".join(sentences[2:4])]
    for _ in range(rng.randint(3, 6)):
        words = rng.sample(WORDS, 3)
        paragraphs.append(f"{rng.choice(FILLER).capitalize()}, and the {words[0]} near the {words[1]} "
                          f"is still {rng.choice(['closed', 'open', 'delayed', 'under review'])}, "
                          f"{rng.randint(2, 900)} people were told about the {words[2]}.")
    paragraphs.append(" ".join(sentences[4:6]))
    day = datetime.date(2024, 1, 1) + datetime.timedelta(days=ev["day"] + rng.randint(0, 2))
    slug = "-".join(t[:3])
    url = f"https://www.outlet{outlet}.example/{day:%Y/%m/%d}/{slug}-{rng.randint(1, 10**9)}"
    return url, "\n\n".join(paragraphs) + "\n"


def make(n, out, big, seed):
    rng = random.Random(seed)
    lines = []
    big = min(big, n // 2)
    if big:
        ev = event(rng, rng.randint(0, 360), "big")
        for a in range(big):
            url, text = article(rng, ev, rng.randint(1, 5000))
            lines.append({"id": f"big-{a}", "url": url, "text": text})
    rest = n - big
    events = 0
    in_events = 0
    while in_events < rest // 2:
        size = min(rng.randint(2, 5), rest // 2 - in_events)
        if size < 2:
            break
        ev = event(rng, rng.randint(0, 360), f"e{events}")
        outlets = rng.sample(range(1, 5000), size)
        for a, outlet in enumerate(outlets):
            url, text = article(rng, ev, outlet)
            lines.append({"id": f"e{events}-{a}", "url": url, "text": text})
        events += 1
        in_events += size
    singles = 0
    while len(lines) < n:
        ev = event(rng, rng.randint(0, 360), f"s{singles}")
        url, text = article(rng, ev, rng.randint(1, 5000))
        lines.append({"id": f"s{singles}", "url": url, "text": text})
        singles += 1
    rng.shuffle(lines)
    with open(out, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"{out}: {len(lines)} documents, {events} small events, one of {big}, {singles} single articles",
          file=sys.stderr)


def check(corpus, stories):
    """Stories against the events the ids name: how many are one event, and how many events of
    two articles or more come out whole."""
    def event_of(ident):
        return ident.rsplit("-", 1)[0] if "-" in ident else ident

    sizes = {}
    for line in open(corpus, encoding="utf-8"):
        ev = event_of(json.loads(line)["id"])
        sizes[ev] = sizes.get(ev, 0) + 1
    pure = whole = total = 0
    for line in open(stories, encoding="utf-8"):
        articles = json.loads(line)["articles"]
        events = {event_of(a.split("~")[0]) for a in articles}
        total += 1
        pure += len(events) == 1
        whole += len(events) == 1 and sizes[events.pop()] == len(articles)
    planted = sum(1 for s in sizes.values() if s >= 2)
    print(json.dumps({"stories": total, "one_event": pure, "whole_events": whole, "planted_events": planted}))


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--check":
        check(args[1], args[2])
        sys.exit(0)
    options = {"--big": 2048, "--seed": 1}
    positional = []
    while args:
        a = args.pop(0)
        if a in options:
            options[a] = int(args.pop(0))
        else:
            positional.append(a)
    if len(positional) != 2:
        sys.exit(__doc__)
    make(int(positional[0]), positional[1], options["--big"], options["--seed"])
