"""Mail printed on the console as a person reads it (the demo's and development's mail).

Django's console backend prints the raw message, where an Arabic subject and body are
base64: the held-comment e-mail `make demo` promises would be unreadable there.
"""

from django.core.mail.backends.console import EmailBackend


class ReadableConsoleEmailBackend(EmailBackend):
    def write_message(self, message):
        headers = {
            "From": message.from_email,
            "To": ", ".join(message.to),
            "Subject": message.subject,
            **message.extra_headers,
        }
        lines = [f"{name}: {value}" for name, value in headers.items()]
        self.stream.write("\n".join(lines) + "\n\n" + message.body + "\n" + "-" * 79 + "\n")
