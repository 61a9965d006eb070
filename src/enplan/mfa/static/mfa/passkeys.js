// Once a passkey is added, go on to the next step (the recovery codes), as the
// django-otp-webauthn script only says so on the button.
document.addEventListener("otp_webauthn.register_complete", () => {
  const area = document.getElementById("passkey-area");
  if (area && area.dataset.passkeyDone) {
    window.location.assign(area.dataset.passkeyDone);
  }
});
