"""Text messages through the configured gateway backend, to Danish mobile numbers only."""

import pytest
from django.core.exceptions import ValidationError

from enplan.core import sms


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("20123456", "+4520123456"),
        ("+45 20 12 34 56", "+4520123456"),
        ("0045-2012-3456", "+4520123456"),
    ],
)
def test_a_danish_mobile_number_is_read_as_people_type_it(typed, number):
    assert sms.danish_mobile(typed) == number


@pytest.mark.parametrize(
    "typed", ["", "2012345", "201234567", "12345678", "+46 20123456", "abcdefgh"]
)
def test_anything_else_is_refused_in_danish(typed):
    with pytest.raises(ValidationError, match="dansk mobilnummer"):
        sms.danish_mobile(typed)


def test_the_tests_keep_messages_in_memory():
    sms.send_sms(to="20 12 34 56", text="Her er dit link")
    assert sms.outbox == [sms.SmsMessage(to="+4520123456", text="Her er dit link")]


def test_the_console_backend_writes_to_standard_output(settings, capsys):
    settings.ENPLAN_SMS_BACKEND = "enplan.core.sms.ConsoleBackend"
    sms.send_sms(to="20123456", text="Her er dit link")
    assert "SMS to +4520123456" in capsys.readouterr().out


def test_the_file_backend_writes_one_file_per_message(settings, tmp_path):
    settings.ENPLAN_SMS_BACKEND = "enplan.core.sms.FileBackend"
    settings.ENPLAN_SMS_FILE_PATH = str(tmp_path)
    sms.send_sms(to="20123456", text="Her er dit link")
    sms.send_sms(to="30123456", text="Og et til")
    files = sorted(tmp_path.iterdir())
    assert len(files) == 2
    assert "Her er dit link" in files[0].read_text(encoding="utf-8")


class BrokenGateway(sms.BaseSmsBackend):
    def send(self, message):
        raise ConnectionError(f"could not reach the gateway for {message.to}")


def test_a_failing_gateway_raises_one_error_that_names_neither_number_nor_text(settings):
    settings.ENPLAN_SMS_BACKEND = "enplan.core.tests.test_sms.BrokenGateway"
    with pytest.raises(sms.SmsError) as error:
        sms.send_sms(to="20123456", text="Her er dit link")
    assert str(error.value) == "ConnectionError"


def test_a_gateway_that_does_not_say_how_to_send_cannot_be_made():
    class HalfWritten(sms.BaseSmsBackend):
        pass

    with pytest.raises(TypeError):
        HalfWritten()
