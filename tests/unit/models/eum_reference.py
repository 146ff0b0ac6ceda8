"""A slow, literal reference implementation of the expected-utility model (tests only).

Written straight from MODELS.md §2 and shared/reference/ec-emissions/README.md with plain
loops over voters and pairs (O(n^3) per probability matrix), sharing no code with
``accord.models.eum``. The fast implementation is checked against it on random inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

TIE = 1e-12


@dataclass
class Options:
    probability: str = "published"      # published | net | all-pairs
    vote_exponent: str = "none"         # none | voter
    perspective: str = "own"            # own | target
    compromise: str = "fractional"      # fractional | eu-weighted
    capitulation: bool = True
    offer_choice: str = "least-move-then-max-eu"
    q: float = 1.0
    t: float = 1.0
    tie: str = "lowest-target"          # lowest-target | file-order


def weighted_median(x: list[float], w: list[float]) -> float:
    if sum(w) <= 0:
        w = [1.0] * len(x)
    pairs = sorted(zip(x, w, strict=True), key=lambda p: p[0])
    half = sum(w) / 2
    cum = 0.0
    for xi, wi in pairs:
        cum += wi
        if cum >= half * (1 - 2e-12):
            return xi
    return pairs[-1][0]


def vote(k: int, i: int, j: int, x: list[float], w: list[float], e: list[float],
         big_r: float) -> float:
    """v_k(i, j) = w_k [(|x_k - x_j|/R)^e_k - (|x_k - x_i|/R)^e_k]."""
    return w[k] * ((abs(x[k] - x[j]) / big_r) ** e[k] - (abs(x[k] - x[i]) / big_r) ** e[k])


def probability(x: list[float], w: list[float], e: list[float], big_r: float,
                form: str) -> list[list[float]]:
    n = len(x)
    everything = 0.0
    if form == "all-pairs":
        everything = sum(abs(vote(k, a, b, x, w, e, big_r))
                         for k in range(n) for a in range(n) for b in range(n))
    p = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if x[i] == x[j]:
                continue
            votes = [vote(k, i, j, x, w, e, big_r) for k in range(n)]
            for_i = sum(max(0.0, v) for v in votes)
            cast = sum(abs(v) for v in votes)
            if form == "published":
                p[i][j] = for_i / cast if cast > 0 else 0.5
            elif form == "net":
                p[i][j] = max(0.0, sum(votes)) / cast if cast > 0 else 0.5
            else:
                p[i][j] = for_i / everything if everything > 0 else 0.0
    return p


def utility(base: float, r: float) -> float:
    return 2.0 - 4.0 * max(base, 0.0) ** r


def eu(a: int, b: int, r: float, p: list[list[float]], x: list[float], s: list[float],
       mu: float, big_r: float, opt: Options) -> float:
    """EU(a -> b) valued with exponent r."""
    d = abs(x[a] - x[b]) / big_r
    us, uf, usq = utility(0.5 - 0.5 * d, r), utility(0.5 + 0.5 * d, r), utility(0.5, r)
    value = s[b] * (p[a][b] * us + (1 - p[a][b]) * uf) + (1 - s[b]) * us
    spread = (abs(x[a] - mu) + abs(x[a] - x[b])) / big_r
    ub, uw = utility(0.5 - 0.25 * spread, r), utility(0.5 + 0.25 * spread, r)
    return value - (opt.q * usq + (1 - opt.q) * (opt.t * ub + (1 - opt.t) * uw))


def _filter(cands: list[dict[str, float]], key: str, sign: float) -> list[dict[str, float]]:
    best = min(sign * c[key] for c in cands)
    return [c for c in cands if sign * c[key] <= best + TIE * abs(best)]


def _choose(cands: list[dict[str, float]], keys: list[tuple[str, float]],
            tie: str) -> dict[str, float] | None:
    for key, sign in keys:
        if cands:
            cands = _filter(cands, key, sign)
    if not cands:
        return None
    if tie == "file-order":
        return min(cands, key=lambda c: c["j"])
    return min(cands, key=lambda c: c["target"])


def play_round(x: list[float], c: list[float], s: list[float], opt: Options,
               big_r: float) -> tuple[list[float], list[float], bool]:
    """One round: (new positions, risk exponents, whether the exposures were all equal)."""
    n = len(x)
    w = [c[k] * s[k] for k in range(n)]
    mu = weighted_median(x, w)
    ones = [1.0] * n
    p1 = probability(x, w, ones, big_r, opt.probability)
    exposure = [sum(eu(j, i, 1.0, p1, x, s, mu, big_r, opt) for j in range(n) if j != i)
                for i in range(n)]
    hi, lo = max(exposure), min(exposure)
    if hi - lo <= 1e-12 * max(abs(hi), abs(lo), 1e-300):
        return list(x), ones, True
    r = []
    for k in range(n):
        big = (2 * exposure[k] - hi - lo) / (hi - lo)
        r.append((1 - big / 3) / (1 + big / 3))
    p = p1 if opt.vote_exponent == "none" else probability(x, w, r, big_r, opt.probability)
    new = list(x)
    for i in range(n):
        offers = []
        for j in range(n):
            if x[j] == x[i]:
                continue
            e_i = eu(i, j, r[i], p, x, s, mu, big_r, opt)
            e_j = eu(j, i, r[i] if opt.perspective == "own" else r[j], p, x, s, mu, big_r, opt)
            kind = 0
            if e_j > 0:
                if e_j > e_i > 0:
                    kind = 1
                elif e_i < 0 and -e_i < e_j:
                    kind = 2
                elif e_i < 0 and -e_i > e_j and opt.capitulation:
                    kind = 3
            if kind == 2:
                if opt.compromise == "fractional":
                    target = x[i] + (x[j] - x[i]) * abs(e_i / e_j)
                else:
                    target = (abs(e_i) * x[i] + abs(e_j) * x[j]) / (abs(e_i) + abs(e_j))
            else:
                target = x[j]
            point = (abs(e_i) * x[i] + abs(e_j) * x[j]) / (abs(e_i) + abs(e_j))
            offers.append({"j": j, "kind": kind, "target": target, "e_j": e_j,
                           "step": abs(target - x[i]), "near": abs(x[j] - x[i]),
                           "rank": point if kind == 2 else abs(target - x[i]), "xj": x[j]})
        if opt.offer_choice == "max-eu-then-least-move":
            sent = [o for o in offers if o["e_j"] > 0]
            for o in sent:
                o["target_pos"] = o["target"]
                o["target"] = o["xj"]  # choose by sender position, resolve afterwards
            pick = _choose(sent, [("e_j", -1.0), ("near", 1.0)], opt.tie)
            if pick is not None and pick["kind"]:
                new[i] = pick["target_pos"]
            continue
        moving = [o for o in offers if o["kind"]]
        keys = {"least-move-then-max-eu": [("step", 1.0), ("e_j", -1.0)],
                "type-then-least-move": [("kind", 1.0), ("step", 1.0)],
                "type-then-lowest-point": [("kind", 1.0), ("rank", 1.0)]}[opt.offer_choice]
        pick = _choose(moving, keys, opt.tie)
        if pick is not None:
            new[i] = pick["target"]
    return new, r, False


def run(x: list[float], c: list[float], s: list[float], opt: Options,
        rounds: int) -> list[list[float]]:
    """Positions of every round (range R = initial range, every round played)."""
    big_r = (max(x) - min(x)) or 1.0
    out = [list(x)]
    for _ in range(rounds):
        x, _r, flat = play_round(x, c, s, opt, big_r)
        out.append(list(x))
        if flat:
            break
    return out
