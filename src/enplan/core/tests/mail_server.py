"""A mail server for tests that refuses chosen addresses: the edge of the system, where
Én plan hands its e-mail over and has to live with the answer."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSED: set[str] = set()


class RefusingBackend(EmailBackend):
    """Refuses the addresses in REFUSED and delivers the rest to `mail.outbox`. Like a real
    server, it names the refused address in its error."""

    def send_messages(self, messages):
        for message in messages:
            refused = REFUSED.intersection(message.to)
            if refused:
                raise smtplib.SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"No user")))
        return super().send_messages(messages)
