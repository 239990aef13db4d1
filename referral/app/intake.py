"""The guided phone intake as a pure state machine: questions, typed answers, back, a summary.

No terminal code here: the command shows `prompt_lines(state, lang)`, reads one line and calls
`state.answer(text)`, which returns the next state and, when the answer was not understood,
feedback. Every path (a skip, 'terug', a typo with a suggestion, the De Jong Gierveld items,
changing an answer from the summary) is testable without a terminal.

The answers become a casus *mapping* (`to_mapping`) that is validated by `casus_from_mapping`
like any file, so the privacy guard, the vocabulary and the scale scoring apply unchanged.
Feedback names questions and values from the vocabulary, never what the user typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from referral.casus.reader import put_dotted
from referral.core import scale as djg
from referral.core.i18n import has_message, translate
from referral.core.model import Label, Signal, Vocabulary
from referral.core.phrases import describe_value
from referral.core.vocabulary import fold, lookup

METHOD = "loneliness.method"
KIND = "loneliness.kind"
QUICK, DJG6, DJG11 = "quick", "djg6", "djg11"
SUMMARY, DONE = "@summary", "@done"
LONELINESS = "loneliness"

BACK_WORDS = frozenset({"terug", "back", "vorige"})
YES_WORDS = frozenset({"j", "ja", "y", "yes"})
NO_WORDS = frozenset({"n", "nee", "no"})
NONE_WORDS = frozenset({"geen", "none", "niets", "nothing", "nee", "no"})
CLEAR = "-"

_QUICK_SIGNALS = ("loneliness.social", "loneliness.emotional")
_SCALE_WORDS = {
    "1": djg.YES,
    "j": djg.YES,
    "y": djg.YES,
    "2": djg.MORE_OR_LESS,
    "m": djg.MORE_OR_LESS,
    "mom": djg.MORE_OR_LESS,
    "3": djg.NO,
    "n": djg.NO,
}

QuestionKind = Literal["value", "choice", "scale"]


@dataclass(frozen=True)
class Option:
    """One numbered answer of a question: what is stored, what is shown, what else may be typed."""

    key: str
    label: Label
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """One step of the interview. `value` questions store a vocabulary signal's canonical value."""

    id: str
    kind: QuestionKind
    title: Label
    signal: Signal | None = None
    options: tuple[Option, ...] = ()
    item: int | None = None  # De Jong Gierveld item number (scale questions)
    position: tuple[int, int] | None = None  # (n, total) within the scale

    def short_label(self, lang: str) -> str:
        """The question in a word or two, for the summary."""
        if self.kind == "scale" and self.position is not None:
            n, total = self.position
            return translate("intake.scale.short", lang, n=n, total=total, item=self.item)
        if self.id == METHOD:
            return translate("intake.label.method", lang)
        if self.id == KIND:
            return translate("intake.label.kind", lang)
        return self.signal.label.get(lang) if self.signal else self.id


@dataclass(frozen=True)
class Feedback:
    """Why an answer was not taken, as a message code: rendered in the user's language."""

    code: str
    args: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str) -> str:
        return translate(self.code, lang, **dict(self.args))


def _feedback(code: str, **args: Any) -> Feedback:
    return Feedback(code, tuple(sorted(args.items())))


def _message_label(code: str) -> Label:
    return Label(translate(code, "nl"), translate(code, "en"))


def _methods() -> tuple[Option, ...]:
    return (
        Option(QUICK, _message_label("intake.method.quick"), ("snel", "quick", "snelle keuze")),
        Option(DJG6, _message_label("intake.method.djg6"), ("djg6", "kort", "short", "6 vragen")),
        Option(DJG11, _message_label("intake.method.djg11"), ("djg11", "lang", "long", "11 vragen")),
    )


def _kinds() -> tuple[Option, ...]:
    return (
        Option("social", _message_label("intake.kind.social"), ("sociaal", "social")),
        Option("emotional", _message_label("intake.kind.emotional"), ("emotioneel", "emotional")),
        Option("both", _message_label("intake.kind.both"), ("beide", "both", "allebei")),
        Option("neither", _message_label("intake.kind.neither"), ("geen", "neither", "none", "geen van beide")),
    )


_SCALE_OPTIONS = tuple(Option(answer, _message_label(f"intake.answer.{answer}")) for answer in djg.ANSWERS)


def _title(question_id: str, signal: Signal | None, vocabulary: Vocabulary | None = None) -> Label:
    if vocabulary is not None and question_id in vocabulary.intake_questions:
        return vocabulary.intake_questions[question_id]
    code = f"intake.q.{question_id}"
    if has_message(code):
        return _message_label(code)
    label = signal.label if signal else Label(question_id)
    return Label(
        translate("intake.q.generic", "nl", label=label.get("nl")),
        translate("intake.q.generic", "en", label=label.get("en")),
    )


def _value_question(signal: Signal, vocabulary: Vocabulary | None = None) -> Question:
    options: tuple[Option, ...] = tuple(Option(v.id, v.label) for v in signal.values)
    if signal.kind == "boolean":
        options = (Option("yes", _message_label("value.yes")), Option("no", _message_label("value.no")))
    return Question(signal.id, "value", _title(signal.id, signal, vocabulary), signal=signal, options=options)


def _scale_questions(version: str) -> list[Question]:
    numbers = djg.VERSIONS[version]
    questions = []
    for index, number in enumerate(numbers, start=1):
        item = djg.item(number)
        title = Label(
            translate("intake.q.scale", "nl", n=index, total=len(numbers), text=item.text_nl),
            translate("intake.q.scale", "en", n=index, total=len(numbers), text=item.text_en),
        )
        questions.append(
            Question(
                f"{version}.{index}",
                "scale",
                title,
                options=_SCALE_OPTIONS,
                item=number,
                position=(index, len(numbers)),
            )
        )
    return questions


@dataclass(frozen=True)
class Step:
    """The outcome of one typed line: the next state, feedback when the line was not taken, and a
    note when it was taken but changes something the caller should hear (a skipped scale item)."""

    state: Intake
    feedback: Feedback | None = None
    note: Feedback | None = None


@dataclass(frozen=True)
class Intake:
    """The interview so far. Immutable: every typed line gives a new state.

    answers: question id -> parsed answer (None: skipped). current: a question id, SUMMARY or
    DONE. editing: reached from the summary, so answering returns there (after any new follow-up
    questions, such as the scale items after switching method). pending: a suggestion for a typo
    that a 'j' accepts.
    """

    vocabulary: Vocabulary
    answers: Mapping[str, Any] = field(default_factory=dict)
    thresholds: Mapping[str, Any] = field(default_factory=dict)  # rules/scales.yaml: for the scale's result
    current: str = ""
    editing: bool = False
    pending: Any = None

    @classmethod
    def start(cls, vocabulary: Vocabulary, thresholds: Mapping[str, Any] | None = None) -> Intake:
        state = cls(vocabulary, thresholds=dict(thresholds or {}))
        sequence = state.questions()
        return replace(state, current=sequence[0].id if sequence else SUMMARY)

    # --- the questions ------------------------------------------------------------------

    def questions(self) -> tuple[Question, ...]:
        """The interview as it stands: the loneliness follow-ups depend on the chosen method."""
        signals = self.vocabulary.signals
        own = self.vocabulary.intake_orders.get(str(self.answers.get("audience")))
        if own is not None:  # a caller with a shorter interview (someone who wants to volunteer)
            return tuple(_value_question(signals[q], self.vocabulary) for q in own if q in signals)
        # `intake.order` in vocabulary.yaml gives the conversation's order; without it, the
        # vocabulary's own order, the loneliness questions where its first signal stands.
        given = self.vocabulary.intake_order or tuple(dict.fromkeys(s.partition(".")[0] for s in signals))
        order = [METHOD if q == LONELINESS else q for q in given]
        asked: list[Question] = []
        for question_id in order:
            if question_id == METHOD:
                asked.extend(self._loneliness_questions())
            elif question_id in signals:
                asked.append(_value_question(signals[question_id], self.vocabulary))
        covered = {*order, *_QUICK_SIGNALS, "loneliness.severity"}
        for signal_id, signal in signals.items():
            if signal_id not in covered:
                asked.append(_value_question(signal, self.vocabulary))
        return tuple(asked)

    def _loneliness_questions(self) -> list[Question]:
        signals = self.vocabulary.signals
        if not any(s.startswith(LONELINESS + ".") for s in signals):
            return []
        method = self.answers.get(METHOD)
        asked = [Question(METHOD, "choice", _title(METHOD, None), options=_methods())]
        if method == QUICK:
            if all(s in signals for s in _QUICK_SIGNALS):
                asked.append(Question(KIND, "choice", _title(KIND, None), options=_kinds()))
            if "loneliness.severity" in signals:
                asked.append(_value_question(signals["loneliness.severity"], self.vocabulary))
        elif method in (DJG6, DJG11):
            asked.extend(_scale_questions(method))
        return asked

    def question(self) -> Question | None:
        for question in self.questions():
            if question.id == self.current:
                return question
        return None

    @property
    def finished(self) -> bool:
        return self.current == DONE

    # --- moving -------------------------------------------------------------------------

    def answer(self, text: str) -> Step:
        """Take one typed line: an answer, Enter (skip or keep), '-' (clear) or 'terug'."""
        typed = text.strip()
        if fold(typed) in BACK_WORDS:
            return self.back()
        if self.current == SUMMARY:
            return self._summary_answer(typed)
        question = self.question()
        if question is None:
            return Step(self)
        if typed == "":
            if self.answers.get(question.id) is not None:
                return Step(self._advance(question.id))
            stored = self._store(question.id, None)
            return Step(stored, note=stored.skipped_note(question) if question.kind == "scale" else None)
        if typed == CLEAR:
            return Step(self._store(question.id, None))
        if self.pending is not None and fold(typed) in YES_WORDS:
            return Step(self._store(question.id, self.pending))
        value, feedback, suggestion = _parse(question, typed)
        if feedback is not None:
            return Step(replace(self, pending=suggestion), feedback)
        return Step(self._store(question.id, value))

    def scale_result(self) -> djg.ScaleResult | None:
        """The De Jong Gierveld result of the answers so far (None without the scale's cut-offs)."""
        version = self.answers.get(METHOD)
        if version not in (DJG6, DJG11) or version not in self.thresholds:
            return None
        answers = [self.answers.get(f"{version}.{n}") for n in range(1, len(djg.VERSIONS[version]) + 1)]
        return djg.score(version, answers, self.thresholds)

    def skipped_note(self, question: Question) -> Feedback | None:
        """What skipping a scale question does: is there still a total, which subscale is unknown."""
        version = self.answers.get(METHOD)
        if version not in (DJG6, DJG11) or question.item is None:
            return None
        total = len(djg.VERSIONS[version])
        asked = [f"{version}.{n}" for n in range(1, total + 1) if f"{version}.{n}" in self.answers]
        missing = sum(1 for key in asked if self.answers[key] is None)
        allowed = int(self.thresholds.get(version, {}).get("max_missing_total", 0))
        subscale = djg.item(question.item).subscale
        code = "intake.fb.scale_skipped_total" if missing <= allowed else "intake.fb.scale_skipped_none"
        return _feedback(
            code,
            missing=missing,
            total=total,
            allowed=allowed,
            subscale_nl=translate(f"intake.subscale.{subscale}", "nl"),
            subscale_en=translate(f"intake.subscale.{subscale}", "en"),
        )

    def back(self) -> Step:
        """One question back ('terug'); from the summary, the last question."""
        sequence = self.questions()
        if not sequence:
            return Step(self)
        if self.current in (SUMMARY, DONE):
            return Step(replace(self, current=sequence[-1].id, editing=False, pending=None))
        ids = [q.id for q in sequence]
        index = ids.index(self.current) if self.current in ids else 0
        if index == 0:
            return Step(replace(self, pending=None), _feedback("intake.fb.first"))
        return Step(replace(self, current=ids[index - 1], editing=False, pending=None))

    def _summary_answer(self, typed: str) -> Step:
        sequence = self.questions()
        if typed == "":
            return Step(replace(self, current=DONE))
        if typed.isdigit() and 1 <= int(typed) <= len(sequence):
            return Step(replace(self, current=sequence[int(typed) - 1].id, editing=True, pending=None))
        return Step(self, _feedback("intake.fb.summary", max=len(sequence)))

    def _store(self, question_id: str, value: Any) -> Intake:
        answers = dict(self.answers)
        answers[question_id] = value
        return replace(self, answers=answers, pending=None)._advance(question_id)

    def _advance(self, question_id: str) -> Intake:
        ids = [q.id for q in self.questions()]
        index = ids.index(question_id)
        following = ids[index + 1 :]
        if self.editing:
            following = [q for q in following if q not in self.answers]
        if following:
            return replace(self, current=following[0], pending=None)
        return replace(self, current=SUMMARY, editing=False, pending=None)

    # --- what the interview gives ---------------------------------------------------------

    def to_mapping(self) -> dict[str, Any]:
        """The casus as a mapping of canonical ids: only answered questions, signals only."""
        out: dict[str, Any] = {}
        for question in self.questions():
            value = self.answers.get(question.id)
            if question.id == METHOD and value in (DJG6, DJG11):
                answers = [self.answers.get(f"{value}.{n}") for n in range(1, len(djg.VERSIONS[value]) + 1)]
                if any(answer is not None for answer in answers):
                    put_dotted(out, f"{LONELINESS}.{value}", answers)
            if value is None or (question.kind != "value" and question.id != KIND):
                continue
            if question.id == KIND:
                put_dotted(out, "loneliness.social", value in ("social", "both"))
                put_dotted(out, "loneliness.emotional", value in ("emotional", "both"))
            elif question.signal is not None:
                put_dotted(out, question.signal.id, list(value) if isinstance(value, tuple) else value)
        return out


# --- parsing one typed answer -------------------------------------------------------------

_SPLIT = re.compile(r"\s*[,;]\s*|\s+(?:en|and)\s+")


def _parse(question: Question, typed: str) -> tuple[Any, Feedback | None, Any]:
    """(value, None, None) when understood; else (None, feedback, a suggestion or None)."""
    if question.kind == "scale":
        key = fold(typed)
        if key in _SCALE_WORDS:
            return _SCALE_WORDS[key], None, None
        try:
            answer = djg.normalize_answer(typed)
        except ValueError:
            answer = None
        if answer is None:
            return None, _feedback("intake.fb.scale"), None
        return answer, None, None
    if question.kind == "choice":
        return _choice(question, typed)
    signal = question.signal
    assert signal is not None
    if signal.kind == "integer":
        return _integer(signal, typed)
    if signal.kind == "boolean":
        key = fold(typed)
        if key in YES_WORDS or key == "1":
            return True, None, None
        if key in NO_WORDS or key == "2":
            return False, None, None
        return None, _feedback("intake.fb.yes_no"), None
    if signal.kind == "enum":
        return _enum(signal, typed)
    return _set(signal, typed)


def _number(typed: str, count: int) -> int | Feedback | None:
    """A 1-based option number as a 0-based index; feedback when out of range; None if no number."""
    if not typed.isdigit():
        return None
    number = int(typed)
    if 1 <= number <= count:
        return number - 1
    return _feedback("intake.fb.range", max=count)


def _choice(question: Question, typed: str) -> tuple[Any, Feedback | None, Any]:
    picked = _number(typed, len(question.options))
    if isinstance(picked, Feedback):
        return None, picked, None
    if picked is not None:
        return question.options[picked].key, None, None
    key = fold(typed)
    for option in question.options:
        words = {fold(w) for w in (option.key, option.label.nl, option.label.en or "", *option.words)}
        if key in words:
            return option.key, None, None
    return None, _feedback("intake.fb.unknown"), None


def _integer(signal: Signal, typed: str) -> tuple[Any, Feedback | None, Any]:
    low = signal.minimum if signal.minimum is not None else 0
    high = signal.maximum if signal.maximum is not None else 999
    match = re.fullmatch(r"(\d{1,3})(?:\s*(?:jaar|jr|years?))?", fold(typed))
    if match and low <= int(match.group(1)) <= high:
        return int(match.group(1)), None, None
    return None, _feedback("intake.fb.integer", min=low, max=high), None


def _one_value(signal: Signal, token: str) -> tuple[str | None, str | None, Feedback | None]:
    """(value, None, None), (None, suggestion, None) or (None, None, feedback)."""
    picked = _number(token, len(signal.values))
    if isinstance(picked, Feedback):
        return None, None, picked
    if picked is not None:
        return signal.values[picked].id, None, None
    found = lookup(signal, token)
    if found.value is not None:
        return found.value, None, None
    if found.suggestion is not None:
        return None, found.suggestion, None
    return None, None, _feedback("intake.fb.unknown")


def _enum(signal: Signal, typed: str) -> tuple[Any, Feedback | None, Any]:
    value, suggestion, feedback = _one_value(signal, typed)
    if value is not None:
        return value, None, None
    if suggestion is not None:
        return None, _suggest(signal, (suggestion,)), suggestion
    return None, feedback, None


def _set(signal: Signal, typed: str) -> tuple[Any, Feedback | None, Any]:
    if fold(typed) in NONE_WORDS and lookup(signal, typed).value is None:
        return (), None, None  # known to be none, unlike a skipped question
    tokens = [t for t in _SPLIT.split(typed) if t]
    if len(tokens) == 1 and re.fullmatch(r"[\d\s]+", tokens[0]):
        tokens = tokens[0].split()  # "1 3": numbers may be separated by spaces
    values: list[str] = []
    suggested = False
    for token in tokens:
        value, suggestion, feedback = _one_value(signal, token)
        if feedback is not None:
            return None, feedback, None
        if suggestion is not None:
            suggested = True
            value = suggestion
        assert value is not None
        if value not in values:
            values.append(value)
    order = signal.value_ids()
    result = tuple(sorted(values, key=order.index))
    if suggested:
        return None, _suggest(signal, result), result
    return result, None, None


def _suggest(signal: Signal, values: tuple[str, ...]) -> Feedback:
    """'did you mean ...?' with the vocabulary's labels in both languages (never the typed text)."""
    labels = {lang: ", ".join(signal.value_label(v, lang) for v in values) for lang in ("nl", "en")}
    return _feedback("intake.fb.suggest", suggestion_nl=labels["nl"], suggestion_en=labels["en"])


# --- words for the terminal ---------------------------------------------------------------


def describe_answer(question: Question, value: Any, lang: str) -> str:
    """An answer in words, from the vocabulary or the options: never the typed text."""
    if value is None:
        return translate("intake.skipped", lang)
    if question.kind == "value" and question.signal is not None:
        return describe_value(question.signal, value, lang)
    for option in question.options:
        if option.key == value:
            return option.label.get(lang)
    return str(value)


def option_words(question: Question, lang: str) -> list[str]:
    """'1 West', '2 Noordwest', ...: the numbered options of a question."""
    return [f"{n} {option.label.get(lang)}" for n, option in enumerate(question.options, start=1)]


def prompt_lines(state: Intake, lang: str, width: int = 96) -> list[str]:
    """What the terminal shows before reading the next line; options side by side within `width`
    (the terminal's), so that a number never stands on another line than its option."""
    if state.current == SUMMARY:
        return summary_lines(state, lang)
    question = state.question()
    if question is None:
        return []
    ids = [q.id for q in state.questions()]
    lines = [f"[{ids.index(question.id) + 1}/{len(ids)}] {question.title.get(lang)}"]
    options = option_words(question, lang)
    if options:
        if len(options) <= 4 and max(len(o) for o in options) > 20:
            lines.extend(f"  {o}" for o in options)
        else:
            lines.extend(_wrap(options, width))
    current = state.answers.get(question.id)
    if current is not None:
        lines.append("  " + translate("intake.current", lang, value=describe_answer(question, current, lang)))
    return lines


def _wrap(words: list[str], width: int) -> list[str]:
    """Options side by side, separated by ' · ', wrapped at `width`."""
    lines: list[list[str]] = [[]]
    for word in words:
        if lines[-1] and len("  " + " · ".join([*lines[-1], word])) > width:
            lines.append([])
        lines[-1].append(word)
    return ["  " + " · ".join(line) for line in lines]


def summary_lines(state: Intake, lang: str) -> list[str]:
    lines = [translate("intake.summary.title", lang)]
    for n, question in enumerate(state.questions(), start=1):
        value = state.answers.get(question.id)
        lines.append(f"  {n:>2}. {question.short_label(lang)}: {describe_answer(question, value, lang)}")
    result = state.scale_result()
    if result is not None:
        lines.append("  " + scale_summary(result, lang))
    lines.append(translate("intake.summary.help", lang))
    return lines


def scale_summary(result: djg.ScaleResult, lang: str) -> str:
    """The scale's result in a line: total, subscales, unanswered, the severity band; not a diagnosis."""
    from referral.render.describe import scale_scores

    text = scale_scores(result, lang)
    if result.severity is not None:
        text += " " + translate("intake.scale.band", lang, band=translate(f"intake.band.{result.severity}", lang))
    return text
