"""Scoring benchmarks: speed against a naive ORM loop, and quality on simulated respondents.

    .venv/bin/python bench/scoring.py            # both, on the database DATABASE_URL names
    .venv/bin/python bench/scoring.py --quality --respondents 500

Needs the O*NET catalog and the questionnaire in that database (`make run` puts them there, or
`manage.py ensure_data` and `manage.py load_questionnaire`). Prints figures; asserts nothing.

Speed: median time to profile one answer set, rank every occupation and explain the top 10,
next to a naive reference that loops over occupations with one ORM query each.

    .venv/bin/python bench/scoring.py --calibrate        # where the FIT curve and bands come from
    .venv/bin/python bench/scoring.py --retest           # do the FIT ranges hold on a retest?

Quality: respondents are simulated from each occupation's own O*NET profile, answering the real
items with noise (SD 0.9 scale points) and, for two in five, a response style (yes-saying,
extreme or middle answers). For each we find the rank of the source occupation under our FIT and
under an O*NET-style baseline that matches the top-three Holland code letters only, the FIT of the
source occupation (a self-match), and the FIT of a clear profile (very high Social and
Conventional interests, low Realistic and Artistic).

Retest: each respondent takes the form twice (the same source occupation and answering style,
fresh noise); how often the second FIT lands inside the first result's range, for the careers the
first result lists in its top 20 (assessments/confidence.py; goal at least 80 %).

Calibration: the distances of self-matches and of random person–job pairs, the curve's constants
they give (the median short-form self-match reads 85, the median random pair 30), and the share
of each that lands in each band.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerfit.settings")

import django  # noqa: E402

django.setup()

from assessments.confidence import close_calls, fit_ranges  # noqa: E402
from assessments.matching import occupation_matrix, questionnaire_key  # noqa: E402
from assessments.models import Questionnaire  # noqa: E402
from assessments.scoring import (  # noqa: E402
    BANDS,
    DEFAULT_WEIGHTS,
    FIT_HALF,
    FIT_STEEPNESS,
    RIASEC_ELEMENTS,
    ItemKey,
    OccupationMatrix,
    Trait,
    band,
    build_profile,
    explain_many,
    fit_from_distance,
    rank,
)
from occupations.models import Occupation, Rating  # noqa: E402

STYLES = ("plain", "plain", "plain", "yes", "extreme", "middle")
NOISE = 0.9


def simulate(
    rng: np.random.Generator,
    matrix: OccupationMatrix,
    row: int,
    items: tuple[ItemKey, ...],
    style: str,
) -> dict[str, int]:
    """Answers of someone whose traits equal an occupation's percentages."""
    column = {trait.element_id: i for i, trait in enumerate(matrix.traits)}
    answers = {}
    for item in items:
        share = matrix.values[row, column[item.element_id]] / 100
        expected = 1 + 4 * share if item.keyed > 0 else 5 - 4 * share
        answer = expected + rng.normal(0, NOISE)
        if style == "yes":
            answer += 0.6
        elif style == "extreme":
            answer = 3 + (answer - 3) * 1.6
        elif style == "middle":
            answer = 3 + (answer - 3) * 0.5
        answers[item.key] = int(np.clip(round(answer), 1, 5))
    return answers


def holland_ranks(user_code: str, codes: list[str]) -> np.ndarray:
    """Expected rank of every occupation under a Holland-code match, ties broken at random."""
    points = np.array(
        [
            sum(
                3 if i < len(code) and code[i] == letter else 1 if letter in code else 0
                for i, letter in enumerate(user_code)
            )
            for code in codes
        ]
    )
    better = (points[None, :] > points[:, None]).sum(axis=1)
    tied = (points[None, :] == points[:, None]).sum(axis=1)
    return better + (tied + 1) / 2


def quality(questionnaire: Questionnaire, respondents: int, seed: int) -> None:
    print(f"\nQuality: {respondents} simulated respondents per form, noise SD {NOISE}, styles")
    for form in ("full", "short"):
        traits, items = questionnaire_key(questionnaire, form)
        matrix = occupation_matrix(traits)
        hollands = dict(Occupation.objects.values_list("code", "holland_code"))
        codes = [hollands.get(code, "") for code in matrix.codes]
        complete = np.nonzero(~np.isnan(matrix.values).any(axis=1))[0]
        rng = np.random.default_rng(seed)
        ours, baseline, spreads, selves = [], [], [], []
        for row in rng.choice(complete, size=min(respondents, complete.size), replace=False):
            style = STYLES[rng.integers(len(STYLES))]
            profile = build_profile(
                answers=simulate(rng, matrix, int(row), items, style), items=items, traits=traits
            )
            ranking = rank(profile, matrix)
            ours.append(ranking.rank_of(int(row)))
            baseline.append(float(holland_ranks(profile.holland_code, codes)[row]))
            spreads.append(float(np.nanstd(ranking.fit)))
            selves.append(float(ranking.fit[row]))
        for label, ranks in (("FIT", ours), ("Holland top-3 baseline", baseline)):
            found = np.array(ranks)
            print(
                f"  {form:<5} {label:<24} recall@10 {np.mean(found <= 10):6.1%}  "
                f"recall@20 {np.mean(found <= 20):6.1%}  median rank {np.median(found):6.1f}"
                f"  of {len(matrix.codes)}"
            )
        print(
            f"  {form:<5} FIT spread per respondent (SD across occupations): "
            f"median {statistics.median(spreads):.1f}, min {min(spreads):.1f}"
        )
        print(
            f"  {form:<5} self-match FIT: median {statistics.median(selves):.1f}, "
            f"10th percentile {np.percentile(selves, 10):.1f}"
        )
        ranking = rank(
            build_profile(answers=clear_profile(items), items=items, traits=traits), matrix
        )
        best = [(matrix.codes[i], float(ranking.fit[i])) for i in ranking.order[:5]]
        print(
            f"  {form:<5} clear profile, best five: " + ", ".join(f"{c} {f:.1f}" for c, f in best)
        )


def clear_profile(items: tuple[ItemKey, ...]) -> dict[str, int]:
    """Very high Social and Conventional, low Realistic and Artistic, Investigative and
    Enterprising near 30 %; every work style and value item answered "agree"."""
    letters = dict(zip(RIASEC_ELEMENTS, "RIASEC", strict=True))
    answers, seen = {}, {"I": 0, "E": 0}
    for item in items:
        letter = letters.get(item.element_id)
        if letter in ("S", "C"):
            leaning = 5
        elif letter in ("R", "A"):
            leaning = 1
        elif letter in seen:
            seen[letter] += 1
            leaning = 3 if seen[letter] % 5 == 0 else 2
        else:
            leaning = 4
        answers[item.key] = leaning if item.keyed > 0 else 6 - leaning
    return answers


def _distances(
    matrix: OccupationMatrix, items: tuple[ItemKey, ...], traits, respondents: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Root-mean-square distances of simulated self-matches and of random person–job pairs."""
    complete = np.nonzero(~np.isnan(matrix.values).any(axis=1))[0]
    rng = np.random.default_rng(seed)
    selves, randoms = [], []
    for row in rng.choice(complete, size=min(respondents, complete.size), replace=False):
        style = STYLES[rng.integers(len(STYLES))]
        profile = build_profile(
            answers=simulate(rng, matrix, int(row), items, style), items=items, traits=traits
        )
        # Back from FIT to distance: the curve is strictly decreasing, so this is exact up to
        # the rounding to tenths, which the figures below do not feel.
        distance = distance_from_fit(rank(profile, matrix).fit)
        selves.append(distance[row])
        others = distance[~np.isnan(distance)]
        randoms.extend(rng.choice(others, size=5).tolist())
    return np.array(selves), np.array(randoms)


def distance_from_fit(fit: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return FIT_HALF * (100.0 / np.asarray(fit) - 1.0) ** (1 / FIT_STEEPNESS)


def retest(questionnaire: Questionnaire, respondents: int, seed: int) -> None:
    print(f"\nRetest: {respondents} simulated respondents per form, each answering twice")
    for form in ("full", "short"):
        traits, items = questionnaire_key(questionnaire, form)
        matrix = occupation_matrix(traits)
        complete = np.nonzero(~np.isnan(matrix.values).any(axis=1))[0]
        rng = np.random.default_rng(seed)
        inside = total = 0
        widths, calls, timings = [], [], []
        for row in rng.choice(complete, size=min(respondents, complete.size), replace=False):
            style = STYLES[rng.integers(len(STYLES))]
            first = build_profile(
                answers=simulate(rng, matrix, int(row), items, style), items=items, traits=traits
            )
            ranking = rank(first, matrix)
            errors = {score.trait.element_id: score.error for score in first.scores}
            shown = ranking.order[:20]
            started = time.perf_counter()
            ranges = fit_ranges(
                ranking, matrix, [errors.get(t.element_id) for t in matrix.traits], shown, seed=1
            )
            timings.append(time.perf_counter() - started)
            second = build_profile(
                answers=simulate(rng, matrix, int(row), items, style), items=items, traits=traits
            )
            again = rank(second, matrix).fit
            for index, found in zip(shown.tolist(), ranges, strict=True):
                total += 1
                inside += found.low <= again[index] <= found.high
                widths.append(found.high - found.low)
            calls.append(sum(leader is not None for leader in close_calls(ranges)))
        print(
            f"  {form:<5} retest FIT inside the range: {inside / total:6.1%} of {total} "
            f"(top 20 careers each); range width median {statistics.median(widths):.1f} points; "
            f"too close to call with the career above: median {statistics.median(calls):.0f} "
            f"of 20; ranges for 20 careers: median {statistics.median(timings) * 1000:.2f} ms"
        )


def calibrate(questionnaire: Questionnaire, respondents: int, seed: int) -> None:
    print(f"\nCalibration: {respondents} simulated respondents per form, 5 random pairs each")
    found = {}
    for form in ("full", "short"):
        traits, items = questionnaire_key(questionnaire, form)
        found[form] = _distances(occupation_matrix(traits), items, traits, respondents, seed)
        selves, randoms = found[form]
        print(
            f"  {form:<5} distance of self-matches: median {np.median(selves):.2f} "
            f"(10th–90th percentile {np.percentile(selves, [10, 90]).round(2).tolist()}); "
            f"random pairs: median {np.median(randoms):.2f}"
        )
    self_short = float(np.median(found["short"][0]))
    random = float(np.median(np.concatenate([found["full"][1], found["short"][1]])))
    # 100 / (1 + (d / h)^k) = 85 at the short-form self-match, 30 at the random pair.
    steepness = np.log((100 / 30 - 1) / (100 / 85 - 1)) / np.log(random / self_short)
    half = random / (100 / 30 - 1) ** (1 / steepness)
    print(
        f"  gives FIT_HALF {half:.2f}, FIT_STEEPNESS {steepness:.2f} "
        f"(in use: {FIT_HALF:g}, {FIT_STEEPNESS:g})"
    )
    randoms = np.concatenate([found["full"][1], found["short"][1]])
    fits = {
        "full self-matches": [fit_from_distance(d) for d in found["full"][0]],
        "short self-matches": [fit_from_distance(d) for d in found["short"][0]],
        "random pairs": [fit_from_distance(d) for d in randoms],
    }
    print(
        "  random-pair FIT percentiles 50/75/90/99: "
        + " / ".join(f"{np.percentile(fits['random pairs'], q):.1f}" for q in (50, 75, 90, 99))
    )
    for label, values in fits.items():
        shares = {word: 0 for _lowest, word, _meaning in BANDS}
        for value in values:
            shares[band(value)] += 1
        print(
            f"  {label:<19}"
            + "  ".join(f"{word} {count / len(values):6.1%}" for word, count in shares.items())
        )


def naive_rank(profile, traits: tuple[Trait, ...]) -> list[tuple[float, str]]:
    """The same FIT, one occupation and one query at a time, in plain Python."""
    from assessments import scoring

    user = {s.trait.element_id: s.percentage for s in profile.scores}
    rated: dict[str, dict[str, list[float]]] = {}
    for occupation in Occupation.objects.order_by("code"):
        ratings = dict(
            Rating.objects.filter(
                occupation=occupation,
                category=0,
                descriptor__element_id__in=list(user),
                scale__scale_id__in=("OI", "IM", "EX"),
            ).values_list("descriptor__element_id", "percentage")
        )
        rated[occupation.code] = {}
        for domain in scoring.DOMAINS:
            ids = [t.element_id for t in traits if t.domain == domain]
            if ids and all(i in ratings for i in ids):
                rated[occupation.code][domain] = [ratings[i] for i in ids]
    typical = {}
    for domain in scoring.BOLDNESS_DOMAINS:
        spreads = []
        for found in rated.values():
            if domain in found:
                mean = sum(found[domain]) / len(found[domain])
                spreads.append(statistics.fmean((t - mean) ** 2 for t in found[domain]) ** 0.5)
        typical[domain] = statistics.median(spreads)
    distances: dict[str, dict[str, float]] = {}
    for code, found in rated.items():
        distances[code] = {}
        for domain, theirs in found.items():
            ids = [t.element_id for t in traits if t.domain == domain]
            mine = [user[i] for i in ids]
            my_mean, their_mean = sum(mine) / len(mine), sum(theirs) / len(theirs)
            cm = [m - my_mean for m in mine]
            ct = [t - their_mean for t in theirs]
            spread = sum(c * c for c in ct) or 1.0
            slope = min(max(sum(a * b for a, b in zip(cm, ct, strict=True)) / spread, 0.6), 1.6)
            mine_spread = statistics.fmean(c * c for c in cm) ** 0.5
            bold = 1.0
            if mine_spread > typical.get(domain, mine_spread):
                bold = (typical[domain] / mine_spread) ** 2
            squared = 0.0
            for a, b in zip(cm, ct, strict=True):
                gap = a - slope * b
                if domain == scoring.WORK_STYLES and gap > 0:
                    gap *= scoring.EXCESS_COST
                squared += bold * gap * gap / len(ids)
            level = my_mean - their_mean
            if domain == scoring.WORK_STYLES and level > 0:
                level *= scoring.EXCESS_COST
            distances[code][domain] = squared + scoring.LEVEL_SHARE * level * level
    medians = {
        domain: statistics.median(d[domain] for d in distances.values() if domain in d)
        for domain in scoring.DOMAINS
    }
    results = []
    for code, found in distances.items():
        if not found:
            continue
        total = sum(
            DEFAULT_WEIGHTS.of(domain) * found.get(domain, medians[domain])
            for domain in scoring.DOMAINS
        )
        fit = fit_from_distance(total**0.5)
        results.append((round(fit, 1), code))
    results.sort(key=lambda pair: (-pair[0], pair[1]))
    return results


def speed(questionnaire: Questionnaire, runs: int, naive_runs: int) -> None:
    traits, items = questionnaire_key(questionnaire, "full")
    matrix = occupation_matrix(traits)
    rng = np.random.default_rng(1)
    answers = simulate(rng, matrix, 0, items, "plain")

    def ours(limit: int) -> None:
        profile = build_profile(answers=answers, items=items, traits=traits)
        ranking = rank(profile, matrix)
        explain_many(ranking, matrix, ranking.order[:10], limit=limit)

    def timed(limit: int) -> tuple[float, float]:
        """Median and 10th percentile: a shared machine's noise shows in the gap between them."""
        # Warm-up runs, as pyperf makes: the first hundreds of calls run slower (caches, the
        # CPU's clock) and say nothing about the steady state a server is in.
        for _ in range(max(runs // 5, 1)):
            ours(limit)
        timings = []
        # As timeit does: a collection pass landing inside one run says nothing about scoring.
        gc.collect()
        gc.disable()
        try:
            for _ in range(runs):
                started = time.perf_counter()
                ours(limit)
                timings.append(time.perf_counter() - started)
        finally:
            gc.enable()
        timings.sort()
        return statistics.median(timings), timings[len(timings) // 10]

    # The results page explains each listed career with one reason each way.
    fast, fast_p10 = timed(1)
    three, three_p10 = timed(3)
    naive = []
    profile = build_profile(answers=answers, items=items, traits=traits)
    for _ in range(naive_runs):
        started = time.perf_counter()
        naive_rank(profile, traits)
        naive.append(time.perf_counter() - started)
    slow = statistics.median(naive)
    print(f"Speed: {len(matrix.codes)} occupations × {len(traits)} traits, full form")
    print(
        f"  ours: profile + rank all + explain top 10 (1 reason each way, as the results page),"
        f" median of {runs}: {fast * 1000:.3f} ms (10th percentile {fast_p10 * 1000:.3f} ms)"
    )
    print(
        f"  ours, 3 reasons each way (as a career page): {three * 1000:.3f} ms"
        f" (10th percentile {three_p10 * 1000:.3f} ms)"
    )
    print(f"  naive: ORM query per occupation, median of {naive_runs}: {slow * 1000:.1f} ms")
    print(f"  ratio: {slow / fast:,.0f}x faster")
    check = naive_rank(profile, traits)[:10]
    ranking = rank(profile, matrix)
    top = [(float(ranking.fit[i]), matrix.codes[i]) for i in ranking.order[:10]]
    print(f"  same top 10 as the naive reference: {top == check}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--retest", action="store_true")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--naive-runs", type=int, default=3)
    parser.add_argument("--respondents", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    questionnaire = Questionnaire.objects.filter(published=True).first()
    if questionnaire is None or not Occupation.objects.exists():
        sys.exit("Load the catalog and the questionnaire first (make run, or ensure_data).")
    both = not (args.speed or args.quality or args.calibrate or args.retest)
    if args.speed or both:
        speed(questionnaire, args.runs, args.naive_runs)
    if args.quality or both:
        quality(questionnaire, args.respondents, args.seed)
    if args.calibrate:
        calibrate(questionnaire, args.respondents, args.seed)
    if args.retest:
        retest(questionnaire, args.respondents, args.seed)


if __name__ == "__main__":
    main()
