"""The views of `referral validate`: one problem a line at file:line:column, or JSON."""

from __future__ import annotations

from typing import Any

from referral.content.validation import Validation
from referral.core.i18n import translate
from referral.render.json_lines import tool_json
from referral.render.json_view import dumps


def render_text(result: Validation, lang: str = "nl", **_: Any) -> str:
    """Every problem, then what was loaded; nothing more when the content did not load (the
    command says how many problems on standard error)."""
    lines = [problem.format(lang) for problem in result.problems]
    if result.ruleset is not None:
        offers, rules = len(result.ruleset.offers), len(result.ruleset.rules)
        lines.append(translate("cli.validate_ok", lang, offers=offers, rules=rules, warnings=result.warnings))
    return "".join(line + "\n" for line in lines)


def render_json(result: Validation, lang: str = "nl", **_: Any) -> str:
    data: dict[str, Any] = {
        "tool": tool_json(),
        "valid": result.ok,
        "errors": result.errors,
        "warnings": result.warnings,
        "problems": [p.to_json(lang) for p in result.problems],
    }
    if result.ruleset is not None:
        data["ruleset"] = {
            "digest": result.ruleset.digest,
            "offers": len(result.ruleset.offers),
            "rules": len(result.ruleset.rules),
        }
    return dumps(data)
