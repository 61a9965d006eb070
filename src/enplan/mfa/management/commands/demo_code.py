from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from enplan.mfa.demo import demo_key_hex


class Command(BaseCommand):
    help = "Print the current code of a demo user's demo app (development only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if settings.PRODUCTION or not settings.DEBUG:
            raise CommandError("demo_code is for development only: DEBUG on, not in production.")
        device = TOTPDevice.objects.filter(
            user__username=username, key=demo_key_hex(), confirmed=True
        ).first()
        if device is None:
            raise CommandError(f"{username} has no demo app.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
