"""`referral schema`: the JSON Schemas, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import click

from referral.app.support import Settings, load_settings_ruleset, shown_id
from referral.core.i18n import translate
from referral.core.problems import Problem, ReferralError

PACKAGED = ("common", "vocabulary", "scales", "offer", "rules", "testcases")


def all_schemas(settings: Settings) -> dict[str, dict[str, object]]:
    from referral.casus.schema import casus_schema
    from referral.schemas import load_schema

    schemas: dict[str, dict[str, object]] = {name: load_schema(name) for name in PACKAGED}
    schemas["casus"] = casus_schema(load_settings_ruleset(settings).vocabulary)
    return schemas


@click.command()
@click.argument("name", required=False)
@click.option("--out", "out", type=click.Path(file_okay=False), help="Schrijf alle schema's naar deze map.")
@click.option("--force", is_flag=True, help="Overschrijf bestaande bestanden.")
@click.pass_obj
def schema(settings: Settings, /, name: str | None, out: str | None, force: bool) -> None:
    """Toon een JSON Schema (casus, offer, rules, vocabulary, scales, testcases) of schrijf ze allemaal."""
    from referral.core.safe_write import check_target, write_texts_atomic

    schemas = all_schemas(settings)
    if name is not None and name not in schemas:
        from referral.core.vocabulary import suggest

        guess = suggest(name, schemas)
        raise ReferralError(
            Problem.make(
                "schema.unknown",
                name=shown_id(name),
                suggestion=guess,
                choices=schemas,
            )
        )
    if out is None:
        if name is None:
            for schema_name in schemas:
                click.echo(f"{schema_name}.schema.json")
            return
        click.echo(json.dumps(schemas[name], ensure_ascii=False, indent=2))
        return
    folder = Path(out)
    chosen = {name: schemas[name]} if name else schemas
    with contextlib.suppress(OSError):  # asked for by name: create it; check_target says what is wrong
        folder.mkdir(parents=True, exist_ok=True)
    # Every target is checked before the first is written: all schemas or none.
    problems = []
    for schema_name in chosen:
        try:
            check_target(folder / f"{schema_name}.schema.json", force=force)
        except ReferralError as err:
            problems.extend(err.problems)
    if problems:
        raise ReferralError(problems)
    write_texts_atomic(
        {
            folder / f"{schema_name}.schema.json": json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            for schema_name, data in chosen.items()
        },
        force=force,
    )
    click.echo(translate("schema.written", settings.lang, count=len(chosen), folder=folder))
