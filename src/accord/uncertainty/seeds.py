"""One root seed; draw k uses child k of ``numpy.random.SeedSequence(seed)``, fast.

MODELS.md section 6: a Monte Carlo run draws N scenarios from one root seed, draw k using
child k of the root's SeedSequence, so that the result does not depend on how draws are split
among workers and a k-draw run is a prefix of an N-draw run.

Child k is ``SeedSequence(seed, spawn_key=(k,))`` (what ``SeedSequence(seed).spawn(N)[k]``
returns). Building it, or a Generator from it, costs about 9 microseconds per draw in numpy:
9 seconds for a million draws. Here the children's ``generate_state`` words are computed for a
whole block of k at once, with numpy's documented SeedSequence algorithm (O'Neill's
"randutils" seed_seq_fe hash: ``hashmix`` and ``mix`` over a pool of four 32-bit words)
written in vectorised uint32 arithmetic:

1. The root's entropy (the seed's 32-bit words, little end first, padded with zeros to the pool
   size because a spawn key follows) and the hash constant are mixed into the pool exactly as
   numpy does; everything up to the last entropy word is the same for every child, so it is
   computed once, in Python integers.
2. The last entropy word is the spawn key k: it is mixed into the four pool words for the
   whole block at once.
3. ``generate_state(n)`` hashes the pool words in turn with the second hash constant, again for
   the whole block.

The tests check the words bit for bit against ``np.random.SeedSequence(seed, spawn_key=(k,))
.generate_state(n)`` for many seeds (including seeds of several words) and k. Draw k's uniforms
are made from consecutive pairs of its words (53 bits each, strictly inside (0, 1)), so anyone
can recompute draw k with numpy alone. A model that needs a random Generator inside a draw
(the stochastic SMP) gets ``default_rng(SeedSequence(seed, spawn_key=(k, 0)))``, child 0 of
child k, so its stream never reuses the words of the draw's inputs.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

U32 = NDArray[np.uint32]
F = NDArray[np.float64]

_MASK = 0xFFFF_FFFF
_POOL = 4
_INIT_A = 0x43B0_D7E5
_MULT_A = 0x931E_8875
_INIT_B = 0x8B51_F9DD
_MULT_B = 0x58F3_8DED
_MIX_L = 0xCA01_F9DD
_MIX_R = 0x4973_F715
_SHIFT = 16

MAX_DRAWS = 2**32
"""Draw indices must fit one 32-bit word (the spawn key is then a single entropy word)."""

RUN_DRAWS_LIMIT = 10_000_000
"""The most draws one run may ask for (``accord mc --draws``, the dashboard): far below
:data:`MAX_DRAWS`, it is already most of an hour of the default models on two cores (100,000
draws take about half a minute), and with ``--draws-out`` a file of gigabytes."""


def seed_words(seed: int) -> list[int]:
    """The seed as numpy coerces an int to entropy: 32-bit words, least significant first."""
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"a seed must be a whole number 0 or more, got {seed!r}")
    words = []
    while True:
        words.append(seed & _MASK)
        seed >>= 32
        if not seed:
            return words


def _hashmix(value: int, const: int) -> tuple[int, int]:
    value = (value ^ const) & _MASK
    const = (const * _MULT_A) & _MASK
    value = (value * const) & _MASK
    return value ^ (value >> _SHIFT), const


def _mix(x: int, y: int) -> int:
    out = (_MIX_L * x - _MIX_R * y) & _MASK
    return out ^ (out >> _SHIFT)


def _root_pool(seed: int) -> tuple[list[int], int]:
    """The pool and hash constant once every entropy word but the spawn key is mixed in."""
    entropy = seed_words(seed)
    entropy += [0] * (_POOL - len(entropy))      # padded because a spawn key follows
    const = _INIT_A
    pool = []
    for i in range(_POOL):
        value, const = _hashmix(entropy[i], const)
        pool.append(value)
    for src in range(_POOL):
        for dst in range(_POOL):
            if src != dst:
                value, const = _hashmix(pool[src], const)
                pool[dst] = _mix(pool[dst], value)
    for word in entropy[_POOL:]:
        for dst in range(_POOL):
            value, const = _hashmix(word, const)
            pool[dst] = _mix(pool[dst], value)
    return pool, const


def child_words(seed: int, start: int, stop: int, n_words: int) -> U32:
    """``SeedSequence(seed, spawn_key=(k,)).generate_state(n_words)`` for k in [start, stop).

    Returns a (stop - start, n_words) uint32 array (a transposed view: each word's values
    for the block are contiguous).
    """
    if not 0 <= start <= stop <= MAX_DRAWS:
        raise ValueError(f"draw indices must satisfy 0 <= start <= stop <= 2**32, got "
                         f"[{start}, {stop})")
    if n_words < 0:
        raise ValueError("n_words must be 0 or more")
    root, const = _root_pool(seed)
    k = np.arange(start, stop, dtype=np.uint64).astype(np.uint32)
    pool = []
    with np.errstate(over="ignore"):
        for dst in range(_POOL):  # step 2: the spawn key k, vectorised
            value = k ^ np.uint32(const)
            const = (const * _MULT_A) & _MASK
            value = value * np.uint32(const)
            value ^= value >> np.uint32(_SHIFT)
            mixed = np.uint32(_MIX_L) * np.uint32(root[dst]) - np.uint32(_MIX_R) * value
            pool.append(mixed ^ (mixed >> np.uint32(_SHIFT)))
        out = np.empty((n_words, stop - start), dtype=np.uint32)  # a row per word: contiguous
        const = _INIT_B
        for i in range(n_words):  # step 3: generate_state
            value = np.bitwise_xor(pool[i % _POOL], np.uint32(const), out=out[i])
            const = (const * _MULT_B) & _MASK
            np.multiply(value, np.uint32(const), out=value)
            np.bitwise_xor(value, value >> np.uint32(_SHIFT), out=value)
    return out.T


def child_uniforms(seed: int, start: int, stop: int, count: int) -> F:
    """``count`` uniforms in (0, 1) per draw k in [start, stop): a (stop - start, count) array.

    Uniform j of draw k takes words 2j and 2j + 1 of child k's ``generate_state``: 27 high
    bits of the first and 26 of the second make a 53-bit integer i, and u = (i + 0.5) / 2**53.
    """
    words = child_words(seed, start, stop, 2 * count).T      # (2 count, draws), rows contiguous
    # i = high * 2**26 + low is below 2**53, so every step below is exact in float64
    out = (words[0::2] >> np.uint32(5)).astype(np.float64)
    out *= 67108864.0
    out += words[1::2] >> np.uint32(6)
    out += 0.5
    out *= 1.0 / 9007199254740992.0
    return np.asarray(out.T)   # (draws, count), each input's uniforms contiguous


def draw_generator(seed: int, k: int) -> np.random.Generator:
    """The Generator of draw k for models with random steps: child 0 of child k."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(k, 0)))
