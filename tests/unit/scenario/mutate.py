"""A small seeded mutator of scenario files, for the loader's fuzz test (test_fuzz.py).

``mutant(seed)`` picks a seed file (a built-in case, a small scenario of the tests, or an
example of each imported format) and applies one to three mutations chosen by ``seed``: byte
flips, truncation, deleted or doubled lines, swapped, huge, negative and NaN/inf numbers, deep
nesting, YAML aliases (a bomb), BOMs, CRLF/CR line ends, line separators that are not line ends,
long strings, semicolons. The same seed always gives the same file, so a failure names the seed
that reproduces it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from importlib import resources

BDM = """# issue: Emission standards
# range: 4, 10
actor,capability,position,salience,reservation,veto
Netherlands,0.08,4,0.8,,no
Belgium,0.08,7,0.4,6,
"Luxembourg, Grand Duchy",0.03,4,0.2,5,yes
Germany,0.16,4,0.8,,
"""
KTAB_CSV = """Demo,A three-actor demo,3,2,
Actor,Description,Power,Tax,,Spend,
Alice,One,117.7,10,32.3,40,22.4
Bob,Two,93.2,15.9,25.2,61.4,34.5
Carol,Three,61.4,61.1,28.8,86.5,28.6
"""
KTAB_XML = """<?xml version="1.0" encoding="UTF-8"?>
<Scenario>
  <name>Demo</name><desc>A demo</desc><prngSeed>42</prngSeed>
  <ModelParameters><VotingRule>Proportional</VotingRule></ModelParameters>
  <Dimensions><dName>Tax</dName><dName>Spend</dName></Dimensions>
  <Actors>
    <Actor><name>Alice</name><description>One</description><capability>117.7</capability>
      <Position><dCoord>10</dCoord><dCoord>40</dCoord></Position>
      <Salience><dSal>32.3</dSal><dSal>22.4</dSal></Salience></Actor>
    <Actor><name>Bob</name><description>Two</description><capability>93.2</capability>
      <Position><dCoord>15.9</dCoord><dCoord>61.4</dCoord></Position>
      <Salience><dSal>25.2</dSal><dSal>34.5</dSal></Salience></Actor>
    <Actor><name>Carol</name><description>Three</description><capability>61.4</capability>
      <Position><dCoord>61.1</dCoord><dCoord>86.5</dCoord></Position>
      <Salience><dSal>28.8</dSal><dSal>28.6</dSal></Salience></Actor>
  </Actors>
  <IdealAdjustment><iaPair><adjustingIdeal>Bob</adjustingIdeal>
    <referencePos>Bob</referencePos><adjust>0.75</adjust></iaPair><iaPair>
    <adjustingIdeal>Bob</adjustingIdeal><referencePos>Alice</referencePos>
    <adjust>0.07</adjust></iaPair></IdealAdjustment>
</Scenario>
"""
DEU = ("isnr\tprname\tproc\tpcom\tscom\tpde\tsde\tpfr\tsfr\trp\tout\n"
       "cap\t\t\t10\t\t29\t\t29\t\t\t\n"
       "1\tDirective A\tCOD\t100\t80\t0\t50\t60\t40\t0\t70\n"
       "2\tDirective B\tCNS\t50\t30\t\t\t100\t90\t20\t\n")
SMALL_YAML = """accord: 1
id: demo
title: Demo
as_of: 2025-12-01
sources:
  - {id: s1, title: An article, published: 2025-12}
actors:
  - &alpha {id: A, name: Alpha, capability: 2, veto: true}
  - {id: B, name: Beta, capability: {dist: normal, mean: 1, sd: 0.2, low: 0.5, high: 2}}
issues:
  - id: i1
    name: Issue one
    range: [0, 100]
    labels: {0: nothing, 100: everything}
    status_quo: 10
stances:
  - actor: A
    issue: i1
    position: 20
    salience: 0.5
    evidence:
      - {source: s1, quote: Alpha wants little}
  - {actor: B, issue: i1, position: 80, salience: 0.9, reservation: 60}
costs:
  - {actor: B, issue: i1, drift: 1.5}
"""


def seeds() -> list[list[tuple[str, str]]]:
    """(suffix, text) of every seed file, by kind (each kind is mutated as often): the
    built-in cases, a small scenario, and one example of each imported format."""
    cases = resources.files("accord.cases")
    builtin = [(".yaml", f.read_text("utf-8")) for f in sorted(cases.iterdir(), key=str)
               if f.name.endswith(".yaml")]
    return [builtin, [(".yaml", SMALL_YAML)], [(".csv", BDM)], [(".csv", KTAB_CSV)],
            [(".xml", KTAB_XML)], [(".tsv", DEU)]]


_NUMBER = re.compile(rb"-?\d+(\.\d+)?")
_HUGE = [b"9" * 400, b"1e308", b"-1e308", b"1e400", b"nan", b".nan", b"inf", b"-.inf",
         b"1e12", b"1000000000001", b"0", b"-0", b"1e-320", b"\xc2\xb2", b"7" * 5000, b"0x1F"]


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data))]


def _delete_line(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def _double_line(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    k = rng.randrange(len(lines))
    return b"\n".join([*lines[:k + 1], lines[k], *lines[k + 1:]])


def _swap_lines(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def _numbers(rng: random.Random, data: bytes) -> bytes:
    found = list(_NUMBER.finditer(data))
    if not found:
        return data
    m = rng.choice(found)
    if rng.random() < 0.3 and len(found) > 1:  # swap two numbers
        n = rng.choice(found)
        a, b = sorted((m, n), key=lambda x: x.start())
        if a.end() <= b.start():
            return (data[:a.start()] + b.group() + data[a.end():b.start()] + a.group()
                    + data[b.end():])
    value = rng.choice([*_HUGE, b"-" + m.group(), m.group() * 3, b"100", b"80"])
    return data[:m.start()] + value + data[m.end():]


def _deep(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([65, 200, 500, 5000])
    k = rng.randrange(len(data) + 1)
    kind = rng.choice([(b"[" * depth + b"]" * depth), (b"{a: " * depth + b"1" + b"}" * depth),
                       (b"<a>" * depth + b"</a>" * depth)])
    return data[:k] + kind + data[k:]


def _aliases(rng: random.Random, data: bytes) -> bytes:
    bomb = [b"a0: &a0 [lol]"]
    for n in range(1, rng.randint(2, 9)):
        bomb.append(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]".encode())
    bomb.append(f"description: *a{len(bomb) - 1}".encode())
    if rng.random() < 0.3:
        bomb = [b"r: &r [*r]", b"x: *nowhere"]
    return data + b"\n" + b"\n".join(bomb) + b"\n"


def _bom(rng: random.Random, data: bytes) -> bytes:
    k = 0 if rng.random() < 0.5 else rng.randrange(len(data) + 1)
    return data[:k] + b"\xef\xbb\xbf" + data[k:]


def _line_ends(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n"]))


def _separators(rng: random.Random, data: bytes) -> bytes:
    k = rng.randrange(len(data) + 1)
    sep = rng.choice(["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\t"])
    return data[:k] + sep.encode("utf-8") + data[k:]


def _long(rng: random.Random, data: bytes) -> bytes:
    k = rng.randrange(len(data) + 1)
    text = rng.choice([b"x" * 100, b"A" * 81, b"y" * 140_000, b'"' + b"z" * 140_000 + b'"'])
    return data[:k] + text + data[k:]


def _semicolons(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b",", rng.choice([b";", b"\t", b",,"]))


MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [
    _flip, _truncate, _delete_line, _double_line, _swap_lines, _numbers, _numbers, _deep,
    _aliases, _bom, _line_ends, _separators, _long, _semicolons]


def mutant(seed: int, group: int | None = None) -> tuple[str, bytes]:
    """(suffix, bytes) of the mutated file of ``seed`` (from ``seeds()[group]`` if given)."""
    rng = random.Random(seed)
    kinds = rng.choice(_SEEDS) if group is None else _SEEDS[group]
    suffix, text = rng.choice(kinds)
    data = text.encode("utf-8")
    for _ in range(rng.randint(1, 3)):
        if data:
            data = rng.choice(MUTATIONS)(rng, data)
    return suffix, data


_SEEDS = seeds()
