"""The demo's e-mail on the console reads as it was written, Arabic included."""

import io

from django.core.mail import EmailMessage

from core.console_mail import ReadableConsoleEmailBackend


def test_an_arabic_message_is_printed_readable_with_its_headers():
    stream = io.StringIO()
    message = EmailMessage(
        "تعليق ينتظر المراجعة: افتتاح الجسر",
        "تعليق جديد محجوز للمراجعة.",
        "newsroom@localhost",
        ["moderator@newsroom.example"],
        headers={"List-Unsubscribe": "<https://example.com/u/1>"},
    )
    ReadableConsoleEmailBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert "Subject: تعليق ينتظر المراجعة: افتتاح الجسر" in printed
    assert "To: moderator@newsroom.example" in printed
    assert "List-Unsubscribe: <https://example.com/u/1>" in printed
    assert "تعليق جديد محجوز للمراجعة." in printed
