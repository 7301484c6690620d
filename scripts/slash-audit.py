#!/usr/bin/env python3
# slash-audit.py [ROOT]: lists every pattern in intents/*.yaml (keywords, says, when, if,
# unless, together, concepts) that has a slash group beside a space, then flags the ones a
# writer may have meant as whole-phrase alternatives (docs/content.md, Patterns: a space
# inside a slash splits the pattern). Flags: CONCAT (an alternative joined to its neighbour is
# another alternative: "bedwetting/bed wetting"), DEAD (beside its neighbour an alternative
# never occurs in the examples, tests or tuning messages while another does), REPEAT (a word
# in two groups: "get up/getting up"). A flag is a place to read, not a verdict.
# Output: file, key path, pattern, flags (tab separated); --all lists unflagged ones too.
import collections, glob, json, os, re, sys

import yaml

ROOT = next((a for a in sys.argv[1:] if not a.startswith("-")), ".")
ALL = "--all" in sys.argv
PATKEYS = {"keywords", "says", "when", "if", "unless", "together", "not", "none_says", "any_says", "also"}
SKIP = {"examples", "tests", "reply", "text", "source", "title", "present", "absent", "past", "not_said",
        "checks", "message", "answer", "say", "ask", "note", "description"}


def patterns():
    out, seen = [], set()

    def walk(node, path, file, inpat):
        if isinstance(node, dict):
            for k, v in node.items():
                if str(k) in SKIP:
                    continue
                walk(v, path + [str(k)], file, inpat or str(k) in PATKEYS or "concepts" in path)
        elif isinstance(node, list):
            for v in node:
                walk(v, path, file, inpat)
        elif isinstance(node, str) and (inpat or (path and path[0] == "concepts")):
            s = node.strip()
            if len(s.split()) > 1 and "/" in s and "http" not in s and (file, s) not in seen:
                seen.add((file, s))
                out.append((file, ".".join(path[-3:]), s))

    for f in sorted(glob.glob(ROOT + "/intents/*.yaml")):
        walk(yaml.safe_load(open(f)), [], os.path.basename(f), False)
    return out


def corpus():
    texts = []

    def walk(n):
        if isinstance(n, dict):
            for v in n.values():
                walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)
        elif isinstance(n, str):
            texts.append(n)

    for f in glob.glob(ROOT + "/intents/*.yaml"):
        walk(yaml.safe_load(open(f)))
    for f in glob.glob(ROOT + "/eval/tuning/*.jsonl"):
        for line in open(f):
            try:
                texts.append(json.loads(line)["message"])
            except (ValueError, KeyError):
                pass
    big, uni = collections.Counter(), collections.Counter()
    for t in texts:
        w = re.findall(r"[a-z0-9']+", t.lower().replace("-", " "))
        for i, x in enumerate(w):
            uni[x] += 1
            if i + 1 < len(w):
                big[(x, w[i + 1])] += 1
    return big, uni


def main():
    big, uni = corpus()

    def bc(a, b):
        return sum(big[(x, y)] for x in (a, a + "s", a + "ed") for y in (b, b + "s", b + "ed", b + "ing"))

    for f, p, s in patterns():
        toks = s.strip('"').split()
        flags = []
        for i, t in enumerate(toks):
            if "/" not in t or t.startswith("@"):
                continue
            alts = [a.strip("\"'?,.").lower().replace("-", " ") for a in t.split("/") if a]
            for j, side in ((i - 1, "L"), (i + 1, "R")):
                if j < 0 or j >= len(toks):
                    continue
                nb = toks[j].strip("\"'?,.").lower()
                if "/" in nb or nb.startswith("@") or nb == "*" or not nb:
                    continue
                for a in alts:
                    if (nb + a if side == "L" else a + nb) in alts:
                        flags.append(f"CONCAT {nb}|{a}")
                counts = {a: (bc(nb, a) if side == "L" else bc(a, nb)) for a in alts if " " not in a}
                dead = [a for a, c in counts.items() if c == 0 and uni[a] >= 30]
                live = [a for a, c in counts.items() if c > 0]
                if dead and live:
                    flags.append(f"DEAD{side} {nb}: {dead} beside {live}")
        plain = [t for t in toks if t != "*" and not t.startswith("@")]
        first = {}
        for i, t in enumerate(plain):
            for a in t.split("/"):
                if a in first and first[a] != i and a not in ("", "a", "the", "to", "of", "in", "my", "and", "or"):
                    flags.append(f"REPEAT {a}")
                first.setdefault(a, i)
        if flags or ALL:
            print(f"{f}\t{p}\t{s}\t{' ; '.join(flags)}")


if __name__ == "__main__":
    main()
