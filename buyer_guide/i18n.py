"""Choose the language of a run, and the interface's own labels in each language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from buyer_guide.errors import LanguageError

ENV_VAR = "BUYER_GUIDE_LANG"

_ALIASES = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-hans": "zh-Hans",
    "zh-hant": "zh-Hant",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "en": "en",
}


def normalize(tag: str) -> str:
    """Map a language tag or locale name (``zh_CN.UTF-8``, ``en-GB``) to a tree language."""
    base = tag.split(".", 1)[0].split("@", 1)[0].replace("_", "-").lower()
    if base in _ALIASES:
        return _ALIASES[base]
    if base.startswith("zh-hant") or base.startswith("zh-hk") or base.startswith("zh-tw"):
        return "zh-Hant"
    if base.startswith("zh"):
        return "zh-Hans"
    if base.startswith("en"):
        return "en"
    return tag


def resolve_language(option: str | None, env: Mapping[str, str], available: Sequence[str]) -> str:
    """Pick the language: ``--lang``, then BUYER_GUIDE_LANG, then the locale, else the default."""
    allowed = ", ".join(available)
    if option is not None:
        lang = normalize(option)
        if lang not in available:
            raise LanguageError(f"unknown language '{option}' for --lang (allowed: {allowed})")
        return lang
    from_env = env.get(ENV_VAR, "").strip()
    if from_env:
        lang = normalize(from_env)
        if lang not in available:
            raise LanguageError(f"unknown language '{from_env}' in {ENV_VAR} (allowed: {allowed})")
        return lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").strip()
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            lang = normalize(value)
            if lang == "zh-Hant" and lang not in available:
                lang = "zh-Hans"
            return lang if lang in available else available[0]
    return available[0]


_LABELS: dict[str, dict[str, str]] = {
    "zh-Hans": {
        "back": "← 返回上一题",
        "select_hint": "（方向键选择，回车确认）",
        "summary": "概要",
        "steps": "步骤",
        "where": "在哪里",
        "choose": "选择",
        "evidence": "留存证据",
        "evidence_all": "需要留存的证据",
        "warning": "注意",
        "warnings": "注意事项",
        "channels": "联系渠道",
        "deadlines": "期限",
        "sources": "来源",
        "escalation": "如果这一步不成功：升级路线",
        "move_up_when": "何时升级",
        "answers": "你的回答",
        "unverified": "未经核实",
        "always_open": "随时可提交",
        "hours_unknown": "服务时间未核实",
        "hours": "服务时间（北京时间）",
        "hours_disputed": "各来源说法不一",
        "safest": "最稳妥",
        "prepare": "准备",
        "disclaimer": "声明",
        "confidence": "可信度",
        "outcome": "建议路径",
        "top_level": "这已是最高一级。",
    },
    "en": {
        "back": "← Back to the previous question",
        "select_hint": "(arrow keys to move, Enter to choose)",
        "summary": "Summary",
        "steps": "Steps",
        "where": "Where",
        "choose": "Choose",
        "evidence": "Keep as evidence",
        "evidence_all": "Evidence to keep",
        "warning": "Watch out",
        "warnings": "Warnings",
        "channels": "Channels",
        "deadlines": "Deadlines",
        "sources": "Sources",
        "escalation": "If this fails: the escalation ladder",
        "move_up_when": "Move up when",
        "answers": "Your answers",
        "unverified": "unverified",
        "always_open": "takes complaints at any time",
        "hours_unknown": "service hours not verified",
        "hours": "Service hours (China time)",
        "hours_disputed": "sources disagree",
        "safest": "safest",
        "prepare": "Have ready",
        "disclaimer": "Note",
        "confidence": "confidence",
        "outcome": "Your path",
        "top_level": "This is the top of the ladder.",
    },
}


def label(lang: str, key: str) -> str:
    """Return the interface label ``key`` in ``lang`` (English when the language lacks it)."""
    return _LABELS.get(lang, _LABELS["en"]).get(key) or _LABELS["en"][key]
