"""The staff window's own texts in English and Chinese (staff only; not in the visitor catalogs).

Form labels and answers come from the shared catalogs (kiosk.i18n); these are the console's
buttons and messages, which visitors never see, so the ten visitor languages need not carry them.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Staff console", "工作人员控制台"),
    "username": ("User name", "用户名"),
    "password": ("Password", "密码"),
    "passphrase": ("Office key passphrase", "办公室密钥口令"),
    "sign_in": ("Sign in", "登录"),
    "sign_out": ("Sign out", "退出登录"),
    "signing_in": ("Signing in…", "正在登录…"),
    "bad-credentials": ("Wrong user name or password.", "用户名或密码错误。"),
    "locked": (
        "Too many failed attempts: the account is locked for a while.",
        "失败次数过多，账户暂时锁定。",
    ),
    "bad-office-key": ("The office key passphrase is wrong.", "办公室密钥口令错误。"),
    "signed_out_idle": (
        "Signed out after {minutes} minutes without activity.",
        "{minutes} 分钟无操作，已自动退出。",
    ),
    "signed_in_as": ("Signed in: {user} ({role})", "已登录：{user}（{role}）"),
    "tab_scan": ("Scan", "扫码"),
    "tab_search": ("Search and export", "查询与导出"),
    "tab_fleet": ("Kiosks", "自助机"),
    "tab_audit": ("Audit log", "审计日志"),
    "scan_hint": (
        "Scan the QR code (or type a reference and press Enter)",
        "请扫描二维码（或输入编号后按回车）",
    ),
    "open_file": ("Open image or PDF…", "打开图片或 PDF…"),
    "busy": ("Looking up…", "正在查询…"),
    "opened": ("Genuine code: {reference}", "二维码真实有效：{reference}"),
    "opened_ref": (
        "Opened by reference {reference} (no code checked)",
        "按编号 {reference} 打开（未验证二维码）",
    ),
    "forged": (
        "WARNING: this code is not genuine ({verdict}). Do not accept the paper; "
        "ask the visitor to submit again.",
        "警告：此二维码不是真实的（{verdict}）。请勿受理，请访客重新提交。",
    ),
    "mismatch": (
        "WARNING: the code does not match the office record: {detail}",
        "警告：二维码与办公室记录不符：{detail}",
    ),
    "not_synced": (
        "Not in the office yet. Kiosk {kiosk} holds it (last seen {last_seen}, {queue} waiting to send).",
        "尚未同步到办公室。该记录在自助机 {kiosk} 上（最后联系 {last_seen}，待发送 {queue} 条）。",
    ),
    "not_synced_unknown": (
        "Not in the office yet, and kiosk {kiosk} has never reported.",
        "尚未同步，自助机 {kiosk} 从未上报。",
    ),
    "not_found": ("No submission has the reference {reference}.", "没有编号为 {reference} 的记录。"),
    "unreadable": ("The answers cannot be opened: {detail}", "无法打开填写内容：{detail}"),
    "answers_altered": (
        "WARNING: these answers do not belong to this record ({detail}). Do not accept the paper; "
        "tell the supervisor.",
        "警告：填写内容与此记录不符（{detail}）。请勿受理，请告知主管。",
    ),
    "unbound": (
        "Refused: the answers are not bound to their record ({detail}).",
        "已拒绝：填写内容未与记录绑定（{detail}）。",
    ),
    "made_before_binding": (
        "{opened} — made before binding: not checked to belong to this record.",
        "{opened} — 绑定前提交：未核实填写内容属于此记录。",
    ),
    "no_code": ("No code or reference found.", "未找到二维码或编号。"),
    "error": ("Something went wrong: {detail}", "出错了：{detail}"),
    "never": ("never", "从未"),
    "col_label_zh": ("中文", "中文"),
    "col_label_en": ("English", "English"),
    "col_value": ("Answer", "填写内容"),
    "copied": ("Copied: {label}", "已复制：{label}"),
    "meta": (
        "{reference} · {form} · submitted {created} · kiosk {kiosk} · visitor language {lang}",
        "{reference} · {form} · 提交于 {created} · 自助机 {kiosk} · 访客语言 {lang}",
    ),
    "status": ("Status: {status}", "状态：{status}"),
    "group": ("{member} of {size} people registered together", "同行登记 {size} 人中的第 {member} 人"),
    "group_others": ("Others: {references}", "其他人：{references}"),
    "group_missing": ("{count} not received yet", "{count} 人尚未收到"),
    "st_new": ("new", "新提交"),
    "st_in_progress": ("in progress", "办理中"),
    "st_done": ("done", "已办结"),
    "st_rejected": ("rejected", "已退回"),
    "st_archived": ("archived", "已归档"),
    "to_in_progress": ("Start", "开始办理"),
    "to_done": ("Done", "办结"),
    "to_rejected": ("Reject…", "退回…"),
    "to_new": ("Back to new", "退回待办"),
    "reopen": ("Reopen", "重新打开"),
    "reason": ("Reason for rejecting", "退回原因"),
    "add_note": ("Add note…", "添加备注…"),
    "note": ("Note (no personal data)", "备注（请勿填写个人信息）"),
    "notes": ("Notes", "备注"),
    "reference": ("Reference", "编号"),
    "name": ("Name (opens the range)", "姓名（需解密范围内记录）"),
    "form": ("Form", "表格"),
    "any": ("any", "全部"),
    "from": ("From", "从"),
    "to": ("To", "至"),
    "search": ("Search", "查询"),
    "results": ("{count} found", "找到 {count} 条"),
    "export_day": ("Export day (CSV + XLSX)…", "导出当日（CSV + XLSX）…"),
    "exported": ("Exported {count} submissions to {path}", "已导出 {count} 条到 {path}"),
    "refresh": ("Refresh", "刷新"),
    "submitted": ("Submitted", "提交时间"),
    "kiosk": ("Kiosk", "自助机"),
    "last_seen": ("Last heartbeat", "最后心跳"),
    "help_call": ("Kiosk {kiosk}: a visitor needs help (number {number}, since {since})",
                  "自助机 {kiosk}：有访客需要帮助（号码 {number}，{since} 起）"),
    "help_col": ("Help", "求助"),
    "queue": ("Queue", "待发送"),
    "oldest": ("Oldest unsent", "最早未发送"),
    "printer": ("Printer", "打印机"),
    "version": ("Version", "版本"),
    "at": ("When", "时间"),
    "actor": ("Who", "操作人"),
    "action": ("What", "操作"),
    "detail": ("Detail", "详情"),
    "submission": ("Submission", "记录"),
    "status_col": ("Status", "状态"),
    "name_col": ("Name", "姓名"),
    "reprint": ("Reprint form", "补打表格"),
    "reprinting": ("Printing…", "正在打印…"),
    "reprint_busy": ("Reprinting {reference}…", "正在补打 {reference}…"),
    "default_printer": ("the default printer", "默认打印机"),
    "reprinted": ("Reprinted {reference} on {printer}.", "已在 {printer} 补打 {reference}。"),
    "reprinted_no_qr": (
        "Reprinted {reference} on {printer}, without a QR code ({why}): look it up by the reference.",
        "已在 {printer} 补打 {reference}，无二维码（{why}），请按编号查询。",
    ),
    "reprint_failed": ("Not reprinted ({reference}): {detail}", "未能补打（{reference}）：{detail}"),
    # the visitor's pictures (kiosk/staff_qt/photos_view.py, docs/photos.md)
    "photos": ("Photos: click one to enlarge", "照片：点击放大"),
    "photos_skipped": (
        "Not photographed, ask for the paper: {names}",
        "未拍照，请查看原件：{names}",
    ),
    "photos_refused": (
        "WARNING: {count} picture(s) do not belong to this record and are not shown: tell the supervisor.",
        "警告：{count} 张照片与此记录不符，未显示，请告知主管。",
    ),
    "photo_close": ("Close", "关闭"),
    # camera (kiosk/staff_qt/camera.py)
    "camera": ("Camera", "摄像头"),
    "camera_stop": ("Stop camera", "关闭摄像头"),
    "camera_starting": ("Starting the camera…", "正在打开摄像头…"),
    "camera_hint": (
        "Hold the QR code printed on the form in front of the camera.",
        "请将表格上打印的二维码对准摄像头。",
    ),
    "camera_foreign": (
        "That QR code is not from the kiosk: show the code printed on the form.",
        "该二维码不是自助机生成的，请出示表格上打印的二维码。",
    ),
    "camera_error": (
        "Camera: {detail}. Use the scanner or Open image or PDF… instead.",
        "摄像头：{detail}。请改用扫码枪或“打开图片或 PDF…”。",
    ),
    "camera_lost": ("the camera was unplugged", "摄像头已断开"),
    "camera_denied": ("access to the camera was refused", "无权使用摄像头"),
    "camera_missing": (
        "camera support (Qt Multimedia) is not installed",
        "未安装摄像头支持（Qt Multimedia）",
    ),
}


def t(lang: str, key: str, /, **params: object) -> str:
    en, zh = TEXTS[key]
    text = zh if lang == "zh" else en
    return text.format(**params) if params else text
