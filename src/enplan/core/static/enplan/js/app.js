// Small behaviours around htmx swaps: move focus to what just appeared, so keyboard and
// screen-reader users land where sighted users look; let "Cancel" close an inline form.
htmx.onLoad((element) => {
  const panel = element.matches?.(".form-panel") ? element : element.querySelector?.(".form-panel");
  if (!panel || !panel.closest(".form-slot")) return;
  const invalid = panel.querySelector("[aria-invalid='true']");
  (invalid || panel.querySelector(".form-panel__title"))?.focus();
});

document.addEventListener("enplan:saved", (event) => {
  const section = document.getElementById(event.detail.section);
  section?.querySelector("h1[tabindex], h2[tabindex]")?.focus();
});

document.addEventListener("click", (event) => {
  const cancel = event.target.closest("[data-cancel]");
  if (!cancel) return;
  const slot = cancel.closest(".form-slot");
  if (!slot) return;
  event.preventDefault();
  const section = slot.closest("section, .plan-summary");
  slot.innerHTML = "";
  section?.querySelector("h1[tabindex], h2[tabindex]")?.focus();
});
