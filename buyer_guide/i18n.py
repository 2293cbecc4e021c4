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
        "dl_left": "还剩{days}天，{date} 24:00 截止",
        "dl_today": "今天（{date}）24:00 截止",
        "dl_ended": "已于 {date} 截止（{days}天前）",
        "dl_moment_left": "{moment} 截止，还剩{remaining}",
        "dl_moment_ended": "已于 {moment} 截止",
        "dl_left_one": "还剩1天，{date} 24:00 截止",
        "dl_ended_one": "已于 {date} 截止（1天前）",
        "china_time": "北京时间",
        "dl_approx": "约在 {date} 截止，具体时刻与你提交申请的时刻相同",
        "dl_approx_ended": "已在 {date} 截止（按你提交申请的时刻）",
        "dl_working_guess": "{year}年的节假日安排尚未公布，按周一至周五估算",
        "dl_elapsed": "距 {date} 已过去{days}天",
        "dl_missing": "尚未计算：需要 {key}（{input}）",
        "dl_after": "截止之后",
        "days_hours": "{days}天{hours}小时",
        "hours_only": "{hours}小时",
        "your_time": "（你当地时间 {time}）",
        "ch_open": "现在开放，{time} 关闭",
        "ch_closed": "现在关闭，{when} 开放",
        "ch_disputed": "各来源说法不一：{open} 说开放，{closed} 说关闭",
        "ch_unknown": "服务时间未核实",
        "ch_always": "随时可提交",
        "today_at": "今天 {time}",
        "tomorrow_at": "明天 {time}",
        "notice_window_passed": (
            "你填写的签收日期是 {signed}，签收后7天的期限已于 {end} 结束，"
            "“7天内退货”的做法可能不再适用。可以改走售后保障维权路线："
            "把回答改为 stage=completed_later_fault。"
        ),
        "notice_inferred": "根据签收日期 {signed} 推断你的订单状态是：{label}",
        "status": "状态",
        "now_label": "现在",
        "notices": "提示",
        "date_not_a_date": "看不懂“{text}”：请输入 2026-11-20、11-20、今天、昨天 或 3天前",
        "date_future": "{date} 还没到（今天是 {today}）",
        "date_not_real": "“{text}”不是真实存在的日期",
        "date_not_a_time": "“{text}”不是有效的时间，请用 14:30 这样的格式",
        "date_hint": "（回车跳过）",
        "switch_yes": "改走售后保障维权路线",
        "switch_no": "不改，仍按7天内的路线",
        "switch_route": "签收后7天已于 {end} 结束。改走“交易已完成后出问题”的售后保障维权路线吗？",
        # Documents: checklist, export, tree.
        "colon": "：",
        "list_sep": "；",
        "paren": "（{}）",
        "checklist": "核对清单",
        "as_of": "生成于 {time}（北京时间）",
        "fill_in": "填写",
        "order_no": "订单号",
        "date_signed": "签收日期",
        "date_applied": "申请售后日期",
        "seller_reply": "卖家回复",
        "note": "备注",
        "todo": "要做的事（按顺序，做完打勾）",
        "contact": "联系",
        "number": "号码或网址",
        "confidence_high": "高",
        "confidence_medium": "中",
        "confidence_low": "低",
        "export_title": "维权步骤",
        "ladder_intro": "从第1级开始，一级一级往上走：只有满足下一级写明的前提，才进入下一级。",
        "level": "第{n}级",
        "enter_when": "进入这一级的前提",
        "next_level": "这一级不成功时，进入第{n}级。",
        "whom": "找谁、什么时候能联系上",
        "how": "怎么联系",
        "trace": "你是怎么走到这一步的",
        "dates_given": "你填写的日期",
        "if_fails": "不成功时",
        "outcomes_ladder": "结果与升级路线",
        "see_above": "（见上文）",
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
        "dl_left": "{days} days left, ends {date} (end of day)",
        "dl_today": "ends today, {date} (end of day)",
        "dl_ended": "ended {days} days ago ({date})",
        "dl_moment_left": "ends {moment}, {remaining} left",
        "dl_moment_ended": "ended {moment}",
        "dl_left_one": "1 day left, ends {date} (end of day)",
        "dl_ended_one": "ended 1 day ago ({date})",
        "china_time": "China time",
        "dl_approx": "ends on {date}, at the time of day you applied",
        "dl_approx_ended": "ended on {date}, at the time of day you applied",
        "dl_working_guess": (
            "the {year} holiday calendar is not published yet, Monday to Friday assumed"
        ),
        "dl_elapsed": "{days} days since {date}",
        "dl_missing": "not computed: needs {key} ({input})",
        "dl_after": "Once it has passed",
        "days_hours": "{days} d {hours} h",
        "hours_only": "{hours} h",
        "your_time": " (your time {time})",
        "ch_open": "open now, closes {time}",
        "ch_closed": "closed now, opens {when}",
        "ch_disputed": "sources disagree: open per {open}, closed per {closed}",
        "ch_unknown": "service hours not verified",
        "ch_always": "takes complaints at any time",
        "today_at": "today {time}",
        "tomorrow_at": "tomorrow {time}",
        "notice_window_passed": (
            "You signed for the parcel on {signed}; the 7 days after signing ended on {end}, "
            "so a return within 7 days may no longer apply. The after-sales protection claim "
            "route fits better: answer stage=completed_later_fault."
        ),
        "notice_inferred": "Worked out from the signed-for date {signed}: {label}",
        "status": "Status",
        "now_label": "Now",
        "notices": "Notices",
        "date_not_a_date": (
            "Cannot read '{text}': type 2026-11-20, 11-20, today, yesterday or 3 days ago"
        ),
        "date_future": "{date} has not come yet (today is {today})",
        "date_not_real": "'{text}' is not a real date",
        "date_not_a_time": "'{text}' is not a time of day; use a form like 14:30",
        "date_hint": "(Enter to skip)",
        "switch_yes": "Switch to the after-sales claim route",
        "switch_no": "Keep the within-7-days route",
        "switch_route": (
            "The 7 days after signing ended on {end}. Switch to the after-sales protection "
            "claim route for completed orders?"
        ),
        # Documents: checklist, export, tree.
        "colon": ": ",
        "list_sep": "; ",
        "paren": " ({})",
        "checklist": "Checklist",
        "as_of": "made {time} China time",
        "fill_in": "Fill in",
        "order_no": "Order number",
        "date_signed": "Date signed for",
        "date_applied": "Date applied",
        "seller_reply": "Seller's reply",
        "note": "Notes",
        "todo": "What to do, in order (tick when done)",
        "contact": "Contact",
        "number": "Number or address",
        "confidence_high": "high",
        "confidence_medium": "medium",
        "confidence_low": "low",
        "export_title": "Escalation steps",
        "ladder_intro": (
            "Start at level 1 and go up one level at a time, only when what the next "
            "level names as its condition holds."
        ),
        "level": "Level {n}",
        "enter_when": "Move up to this level when",
        "next_level": "If this level fails, go to level {n}.",
        "whom": "Whom to contact, and when they answer",
        "how": "How",
        "trace": "How you got here",
        "dates_given": "Dates you gave",
        "if_fails": "if this fails",
        "outcomes_ladder": "Outcomes and their ladder",
        "see_above": "(see above)",
    },
}


def label(lang: str, key: str) -> str:
    """Return the interface label ``key`` in ``lang`` (English when the language lacks it)."""
    return _LABELS.get(lang, _LABELS["en"]).get(key) or _LABELS["en"][key]
