"""Messages of 'golden' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "golden.error_other": (
        "error: verwacht {expected}, kwam {got}",
        "error: expected {expected}, got {got}",
    ),
    "golden.error_accepted": (
        "error: verwacht {expected}, maar de casus werd geaccepteerd",
        "error: expected {expected}, but the casus was accepted",
    ),
    "golden.refused": (
        "casus geweigerd: {problems}",
        "casus refused: {problems}",
    ),
    "golden.nothing": (
        "niets",
        "nothing",
    ),
    "golden.unknown_offer_guess": (
        "onbekend aanbod in de verwachting: {id} (bedoelde u '{suggestion}'?)",
        "unknown offer in expectation: {id} (did you mean '{suggestion}'?)",
    ),
    "golden.unknown_offer": (
        "onbekend aanbod in de verwachting: {id}",
        "unknown offer in expectation: {id}",
    ),
    "golden.first": (
        "first: verwacht {expected}, kwam {came}",
        "first: expected {expected}, came {came}",
    ),
    "golden.at_rank": (
        "plaats {rank}",
        "rank {rank}",
    ),
    "golden.not_referred": (
        "niet aanbevolen",
        "not referred",
    ),
    "golden.includes": (
        "includes: verwacht {id} in de top {top} ({where}); kwam {came}",
        "includes: expected {id} in top {top} ({where}); came {came}",
    ),
    "golden.excludes": (
        "excludes: {id} werd aanbevolen op plaats {rank} door {reasons}",
        "excludes: {id} was referred at rank {rank} because of {reasons}",
    ),
    "golden.not_in_top": (
        "not_in_top: {id} stond in de top {top}, op plaats {rank}, door {reasons}",
        "not_in_top: {id} was in the top {top}, at rank {rank}, because of {reasons}",
    ),
    "golden.ineligible": (
        "ineligible: verwacht dat {id} niet beschikbaar is, maar het is beschikbaar (score {score})",
        "ineligible: expected {id} not to be eligible, but it is (score {score})",
    ),
    "golden.reasons_ineligible": (
        "reasons: {id} is niet beschikbaar, dus geen van zijn redenen telt",
        "reasons: {id} is not eligible, so it has no reasons that count",
    ),
    "golden.fitting": (
        "{key}: verwacht {wanted} in de top {top}; kwam {came}",
        "{key}: expected {wanted} in the top {top}; came {came}",
    ),
    "golden.wrong": (
        "{key}: {id} (plaats {rank}) is {kinds}, door {reasons}",
        "{key}: {id} (rank {rank}) is {kinds}, because of {reasons}",
    ),
    "golden.only": (
        "only: {id} (plaats {rank}) is {kinds}, niet alleen {only}",
        "only: {id} (rank {rank}) is {kinds}, not only {only}",
    ),
    "golden.note": (
        "notes: verwacht {note}; kwam {got}",
        "notes: expected {note}; came {got}",
    ),
    "golden.no_note": (
        "no_notes: {note} kwam toch",
        "no_notes: {note} came nonetheless",
    ),
    "golden.reasons": (
        "reasons: verwacht regel {rule} bij {id}; zijn redenen: {got}",
        "reasons: expected rule {rule} for {id}; its reasons: {got}",
    ),
}
