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

// On a phone, tables stack each row into a card and hide the column headers (app.css);
// give every cell its column's name so the card still says what each value is.
// Tables that scroll sideways instead (.table-scroll, .rc-scroll) keep their headers.
htmx.onLoad((element) => {
  const tables = element.matches?.("table.table") ? [element] : element.querySelectorAll?.("table.table") || [];
  for (const table of tables) {
    if (table.closest(".table-scroll, .rc-scroll")) continue;
    const headerRow = table.tHead?.rows[table.tHead.rows.length - 1];
    if (!headerRow) continue;
    const names = [];
    for (const th of headerRow.cells) {
      // A column whose header is only for screen readers (e.g. "Actions") needs no visible name.
      const hidden = th.querySelector(".visually-hidden")?.textContent.trim();
      const name = th.textContent.trim();
      for (let i = 0; i < th.colSpan; i++) names.push(name === hidden ? "" : name);
    }
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const name = names[column];
          column += cell.colSpan;
          if (cell.tagName === "TD" && name && !cell.hasAttribute("data-label")) cell.dataset.label = name;
        }
      }
    }
  }
});

// A "Print" button prints the page; written here rather than inline, as the CSP allows no
// inline script.
document.addEventListener("click", (event) => {
  if (!event.target.closest("[data-print]")) return;
  event.preventDefault();
  window.print();
});

// The idle-session warning (WCAG 2.2.1). The server ends a session after its limit
// without use (core/sessions.py); a minute before, the page asks whether to stay, and
// "Stay logged in" starts the clock again. Before warning or logging out it asks the
// server how long is left, as the user may have gone on working in another tab.
(() => {
  const body = document.body;
  const limit = Number(body.dataset.idleSeconds);
  if (!limit) return;
  const warning = Number(body.dataset.idleWarningSeconds) || 60;
  const url = body.dataset.sessionUrl;
  const dialog = document.getElementById("idle-warning");
  const csrf = JSON.parse(body.dataset.hxHeaders || "{}")["X-CSRFToken"];
  let timer;

  const logOut = () => {
    const form = document.querySelector("[data-logout-form]");
    if (form) form.submit();
    else window.location.reload();
  };

  const ask = async (method) => {
    const response = await fetch(url, {
      method,
      headers: method === "POST" ? { "X-CSRFToken": csrf } : {},
      credentials: "same-origin",
      redirect: "manual",
    });
    if (!response.ok || !response.headers.get("Content-Type")?.includes("json")) return 0;
    return (await response.json()).seconds_left;
  };

  const schedule = (secondsLeft) => {
    clearTimeout(timer);
    if (secondsLeft > warning) {
      if (dialog.open) dialog.close();
      timer = setTimeout(check, (secondsLeft - warning) * 1000);
    } else if (secondsLeft > 0) {
      if (!dialog.open) dialog.showModal();
      timer = setTimeout(check, secondsLeft * 1000);
    } else {
      logOut();
    }
  };

  const check = async () => {
    try {
      schedule(await ask("GET"));
    } catch {
      logOut();
    }
  };

  dialog.querySelector("[data-stay-logged-in]").addEventListener("click", async () => {
    try {
      schedule(await ask("POST"));
    } catch {
      logOut();
    }
  });
  // Escape would close the dialog without answering it; it means "stay" too.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    dialog.querySelector("[data-stay-logged-in]").click();
  });
  // Every request of the page (an htmx edit) is use: the clock starts again.
  document.addEventListener("htmx:afterRequest", () => schedule(limit));
  schedule(limit);
})();

// The confirmation toast (#status, a polite live region) clears itself after a while, so
// it does not cover the page; the region itself stays for the next message.
let toastTimer;
document.addEventListener("htmx:oobAfterSwap", (event) => {
  const target = event.detail.target;
  if (target?.id !== "status" || !target.textContent.trim()) return;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { target.textContent = ""; }, 8000);
});

// A copy button beside a read-only link (the one-time evaluation link). It is hidden
// until this script shows it, so without JavaScript nobody meets a button that does nothing.
for (const button of document.querySelectorAll("[data-copy]")) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const field = document.getElementById(button.dataset.copy);
    if (!field) return;
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      field.select();
      document.execCommand("copy");
    }
    const status = document.getElementById("status");
    if (status) status.textContent = button.dataset.copied || "";
  });
}

// The RC form's progress: how many workgroups have every question answered, counted again
// as the respondent answers. The server renders the same count, so it works without this.
for (const box of document.querySelectorAll("[data-rc-progress]")) {
  const form = box.closest("form");
  const bar = box.querySelector("progress");
  const label = box.querySelector("label");
  const update = () => {
    const groups = [...form.querySelectorAll(".rc-group")];
    const answered = groups.filter((group) =>
      [...group.querySelectorAll("fieldset")].every((row) => row.querySelector("input:checked"))
    ).length;
    bar.value = answered;
    bar.textContent = `${answered}/${groups.length}`;
    label.textContent = box.dataset.text.replace("__A__", answered);
  };
  form.addEventListener("change", update);
}
