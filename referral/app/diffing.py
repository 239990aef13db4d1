"""What an edit to the content changes: outcomes of two rulesets over the same casussen.

The casussen are the golden cases plus a deterministic sample of the signal space, so that a
maintainer sees which offers enter, leave or move in the top N, and which rules are responsible,
before the change lands.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from referral.app.session import Session
from referral.casus.reader import Casus
from referral.content.loading import ContentDirs
from referral.core.model import Ruleset, Vocabulary
from referral.core.problems import Problem, ReferralError
from referral.core.yamlsource import Document
from referral.engine.result import Assessment, MatchResult


@dataclass(frozen=True)
class Probe:
    """One casus to compare: a golden case or a sampled point of the signal space."""

    label: str
    data: Any  # a Document (golden case) or a plain mapping (sample)


@dataclass(frozen=True)
class OfferChange:
    offer: str
    kind: str  # entered | left | moved
    old_rank: int | None
    new_rank: int | None
    rules: tuple[str, ...]  # rules whose contribution differs between the two versions


@dataclass(frozen=True)
class ProbeDiff:
    probe: Probe
    changes: tuple[OfferChange, ...]
    old_error: bool = False
    new_error: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.changes) or self.old_error != self.new_error


@dataclass(frozen=True)
class DiffReport:
    top: int
    probes: int
    diffs: tuple[ProbeDiff, ...]  # only the probes whose outcome changed
    old_digest: str
    new_digest: str

    def tally(self) -> dict[str, Counter[str]]:
        """Per kind of change, how often each offer was involved."""
        counts: dict[str, Counter[str]] = {"entered": Counter(), "left": Counter(), "moved": Counter()}
        for diff in self.diffs:
            for change in diff.changes:
                counts[change.kind][change.offer] += 1
        return counts


def sample_casussen(vocabulary: Vocabulary, count: int, seed: int = 2021) -> list[dict[str, Any]]:
    """A deterministic spread of casussen over the vocabulary (canonical ids, plain data)."""
    rng = random.Random(seed)
    samples = []
    for _ in range(count):
        data: dict[str, Any] = {}
        for signal_id, signal in vocabulary.signals.items():
            if rng.random() < 0.35:
                continue  # absent signals are part of the space too
            if signal.kind == "integer":
                low = signal.minimum if signal.minimum is not None else 0
                high = signal.maximum if signal.maximum is not None else 120
                value: Any = rng.randint(low, high)
            elif signal.kind == "boolean":
                value = rng.random() < 0.5
            elif signal.kind == "enum":
                value = rng.choice(signal.value_ids())
            else:
                value = sorted(rng.sample(signal.value_ids(), k=min(len(signal.values), rng.randint(1, 2))))
            head, _, tail = signal_id.partition(".")
            if tail:
                data.setdefault(head, {})[tail] = value
            else:
                data[head] = value
        samples.append(data)
    return samples


def signals_text(data: dict[str, Any]) -> str:
    """A compact one-line form of a sampled casus: 'age=34 wijk=Zuid loneliness.social=true'."""
    parts: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            parts.extend(f"{key}.{sub}={_scalar(v)}" for sub, v in value.items())
        else:
            parts.append(f"{key}={_scalar(value)}")
    return " ".join(parts) or "{}"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _casus(probe: Probe, session: Session) -> Casus | None:
    try:
        if isinstance(probe.data, Document):
            return session.reader.read(probe.data)
        return session.reader.read_mapping(probe.data)
    except ReferralError:
        return None


def _contributions(item: Assessment | None) -> dict[str, int]:
    return {r.rule: r.weight for r in item.reasons} if item else {}


def _responsible(old: Assessment | None, new: Assessment | None) -> tuple[str, ...]:
    before, after = _contributions(old), _contributions(new)
    rules = {rule for rule in before.keys() | after.keys() if before.get(rule) != after.get(rule)}
    for item in (old, new):
        if item is not None:
            rules.update(f.reason.rule for f in item.failures if f.reason is not None)
    return tuple(sorted(rules))


def compare(probe: Probe, old: Session, new: Session, top: int, day: dt.date) -> ProbeDiff:
    old_casus, new_casus = _casus(probe, old), _casus(probe, new)
    if old_casus is None or new_casus is None:
        return ProbeDiff(probe, (), old_error=old_casus is None, new_error=new_casus is None)
    before: MatchResult = old.match(old_casus, day)
    after: MatchResult = new.match(new_casus, day)
    old_top = {a.offer.id: a.rank for a in before.referrals[:top]}
    new_top = {a.offer.id: a.rank for a in after.referrals[:top]}
    changes = []
    for offer_id in sorted(old_top.keys() | new_top.keys()):
        old_rank, new_rank = old_top.get(offer_id), new_top.get(offer_id)
        if old_rank == new_rank:
            continue
        kind = "moved" if old_rank and new_rank else ("entered" if new_rank else "left")
        rules = _responsible(before.assessment(offer_id), after.assessment(offer_id))
        changes.append(OfferChange(offer_id, kind, old_rank, new_rank, rules))
    return ProbeDiff(probe, tuple(changes))


def diff_rulesets(old: Ruleset, new: Ruleset, probes: list[Probe], top: int, day: dt.date) -> DiffReport:
    before, after = Session.of_ruleset(old), Session.of_ruleset(new)
    diffs = tuple(d for d in (compare(p, before, after, top, day) for p in probes) if d.changed)
    return DiffReport(top=top, probes=len(probes), diffs=diffs, old_digest=old.digest, new_digest=new.digest)


def commit_of_export(dirs: ContentDirs) -> str | None:
    """The commit a git export was taken from (see content_at), if it is one."""
    marker = dirs.rules
    for folder in (marker, *marker.parents):
        if (folder / "COMMIT").is_file() and folder.name.startswith("referral-diff-"):
            return (folder / "COMMIT").read_text(encoding="utf-8").strip()
    return None


@contextmanager
def content_at(against: str, current: ContentDirs) -> Iterator[ContentDirs]:
    """The other version of the content: a folder holding rules/ and offers/, or a git ref."""
    folder = Path(against)
    if folder.is_dir():
        if (folder / "rules").is_dir() and (folder / "offers").is_dir():
            yield ContentDirs(folder / "rules", folder / "offers")
            return
        raise ReferralError(Problem.make("diff.bad_ref", ref=_shown_ref(against)))
    temp = Path(tempfile.mkdtemp(prefix="referral-diff-"))
    try:
        yield _export_git(against, current, temp)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):  # no git, or a hung one: the ref cannot be read
        return subprocess.CompletedProcess(["git", *args], 1, b"", b"")


def _export_git(ref: str, current: ContentDirs, temp: Path) -> ContentDirs:
    rules = current.rules.resolve()
    top = _git(["rev-parse", "--show-toplevel"], rules)
    if top.returncode != 0 or ref.startswith("-"):
        raise ReferralError(Problem.make("diff.bad_ref", ref=_shown_ref(ref)))
    root = Path(top.stdout.decode().strip())
    try:
        paths = [current.rules.resolve().relative_to(root), current.offers.resolve().relative_to(root)]
    except ValueError:  # the offers live outside the repository that holds the rules
        raise ReferralError(Problem.make("diff.bad_ref", ref=_shown_ref(ref))) from None
    archive = _git(["archive", "--format=tar", ref, "--", *(p.as_posix() for p in paths)], root)
    sha = _git(["rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}"], root)
    if archive.returncode != 0 or sha.returncode != 0:
        raise ReferralError(Problem.make("diff.bad_ref", ref=_shown_ref(ref)))
    (temp / "COMMIT").write_text(sha.stdout.decode().strip(), encoding="utf-8")
    tar_path = temp / "content.tar"
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        try:
            tar.extractall(temp / "tree", filter="data")
        except tarfile.FilterError as err:
            # A committed link that leads out of the tree (absolute, or up past its root) would
            # read a file that is no content of that commit: refused, as in the working tree.
            name = err.tarinfo.name if err.tarinfo is not None else "?"
            raise ReferralError(Problem.make("content.link_outside", file=f"{_shown_ref(ref)}:{name}")) from None
    return ContentDirs(temp / "tree" / paths[0], temp / "tree" / paths[1])


def _shown_ref(ref: str) -> str:
    """A git ref or folder as the message may echo it: what looks like one; anything else (a
    sentence, a name, a phone number typed by mistake) is not repeated."""
    import re

    from referral.core.privacy import personal_data_kinds

    if re.fullmatch(r"[\w./~^@{}:+-]{1,120}", ref) and not personal_data_kinds(ref):
        return ref
    return "…"
