// inboxcoach for Thunderbird.
//
// - Before a message is sent, its recipients, subject and plain text go to the
//   inboxcoach command (the native-messaging host "inboxcoach", registered by
//   `inboxcoach thunderbird install`), which judges it as `inboxcoach lint` does,
//   with what it knows of the season. A critical finding stops the send and opens a
//   small window with the reasons and "Send anyway"; a warning is shown without
//   stopping anything. When the host is missing, slow or broken, the message is
//   sent and a notification says it could not be checked.
// - Above a displayed message: its program and the contact meter (display.js).
// - Tags for the IMAP keywords inboxcoach writes, so they show in colour.

const HOST = "inboxcoach";
// How long a send waits for the host before going ahead unchecked. An administrator
// may set another value in managed storage (key "checkBudgetMs").
const DEFAULT_BUDGET_MS = 300;
// Showing the meter never holds anything up, so it may wait longer.
const METER_BUDGET_MS = 5000;
const TAGS = [
  { key: "inboxcoach", label: "inboxcoach", color: "#2A6FDB" },
  { key: "inboxcoach-risk", label: "inboxcoach: risk", color: "#D93025" },
];

const settings = messenger.storage.managed.get("checkBudgetMs").then(
  stored => ({ budgetMs: Number.isInteger(stored.checkBudgetMs) && stored.checkBudgetMs > 0 ? stored.checkBudgetMs : DEFAULT_BUDGET_MS }),
  () => ({ budgetMs: DEFAULT_BUDGET_MS }) // no managed storage: the usual case
);

// -- the host ---------------------------------------------------------------------
// One host process is kept while Thunderbird runs (runtime.connectNative): starting
// Python takes most of the budget, a running host answers in about 10 ms. If it
// exits, the next request starts it again.

let host = null; // { port, waiting: Map(request id -> resolve) }
let nextId = 1;

function connect() {
  const current = { port: messenger.runtime.connectNative(HOST), waiting: new Map() };
  current.port.onMessage.addListener(answer => {
    const resolve = current.waiting.get(answer.id);
    current.waiting.delete(answer.id);
    resolve?.(answer);
  });
  current.port.onDisconnect.addListener(port => {
    if (host === current) host = null;
    const error = port.error?.message || "the inboxcoach host stopped";
    for (const resolve of current.waiting.values()) resolve({ ok: false, error });
    current.waiting.clear();
  });
  return current;
}

// The host's answer, or {ok: false, error} when it is missing, fails or has not
// answered within budgetMs. Never rejects.
function ask(request, budgetMs) {
  return new Promise(resolve => {
    const id = nextId++;
    try {
      host ??= connect();
      const waiting = host.waiting;
      waiting.set(id, resolve);
      setTimeout(() => {
        if (waiting.delete(id)) resolve({ ok: false, error: `no answer within ${budgetMs} ms` });
      }, budgetMs);
      host.port.postMessage({ ...request, id });
    } catch (error) {
      resolve({ ok: false, error: String(error?.message ?? error) });
    }
  });
}

// -- the send-time check ------------------------------------------------------------

// Compose tabs whose next send skips the check: the user chose "Send anyway".
const sendAnyway = new Set();

// Recipients as "Name <address>" strings; address-book entries given by id carry no
// address here and are left out.
function recipients(list) {
  return [].concat(list ?? []).filter(entry => typeof entry === "string");
}

function notify(title, message) {
  messenger.notifications
    .create({ type: "basic", title, message, iconUrl: "icons/inboxcoach.svg" })
    .catch(() => {}); // no notification service (e.g. headless): the console line stays
}

messenger.compose.onBeforeSend.addListener(async (tab, details) => {
  if (sendAnyway.delete(tab.id)) return {};
  const { budgetMs } = await settings;
  const answer = await ask(
    {
      type: "check",
      to: recipients(details.to),
      cc: recipients(details.cc),
      bcc: recipients(details.bcc),
      subject: details.subject ?? "",
      body: details.plainTextBody ?? "",
    },
    budgetMs
  );
  if (!answer.ok) {
    console.warn(`inboxcoach: could not check the message, so it was sent unchecked: ${answer.error}`);
    notify("inboxcoach could not check this message", `It was sent unchecked: ${answer.error}`);
    return {};
  }
  if (answer.critical) {
    console.info(`inboxcoach: send stopped: ${answer.findings.map(f => f.rule).join(", ")}`);
    const query = new URLSearchParams({ tab: tab.id, answer: JSON.stringify(answer) });
    await messenger.windows.create({ url: `warning.html?${query}`, type: "popup", width: 560, height: 460 });
    return { cancel: true };
  }
  const warnings = answer.findings.filter(f => f.severity === "warning");
  if (warnings.length) {
    console.info(`inboxcoach: sent with a warning: ${warnings.map(f => f.rule).join(", ")}`);
    notify("inboxcoach: sent, worth a second look", warnings.map(f => f.text).join("\n\n"));
  }
  return {};
});

// The warning window's "Send anyway", and the meter for display.js.
messenger.runtime.onMessage.addListener((message, sender) => {
  if (message.type === "send-anyway") {
    sendAnyway.add(message.tabId);
    return messenger.compose
      .sendMessage(message.tabId)
      .then(() => ({ ok: true }), error => ({ ok: false, error: String(error?.message ?? error) }))
      .finally(() => sendAnyway.delete(message.tabId));
  }
  if (message.type === "meter" && sender.tab) return meter(sender.tab.id);
  return false;
});

// -- the meter of a displayed message -------------------------------------------------

async function meter(tabId) {
  const { messages } = await messenger.messageDisplay.getDisplayedMessages(tabId);
  if (messages.length !== 1) return { ok: true, programs: [] };
  const [message] = messages;
  return ask(
    {
      type: "meter",
      message_id: message.headerMessageId,
      from: message.author,
      to: message.recipients,
      cc: message.ccList,
      subject: message.subject,
    },
    METER_BUDGET_MS
  );
}

async function registerMeterScript() {
  const scripts = messenger.scripting.messageDisplay;
  if ((await scripts.getRegisteredScripts({ ids: ["meter"] })).length) return;
  await scripts.registerScripts([{ id: "meter", js: ["display.js"], css: ["display.css"] }]);
}

// -- tags ---------------------------------------------------------------------------

async function createTags() {
  const known = new Set((await messenger.messages.tags.list()).map(tag => tag.key));
  for (const tag of TAGS) {
    if (!known.has(tag.key)) await messenger.messages.tags.create(tag.key, tag.label, tag.color);
  }
}

createTags().catch(error => console.error("inboxcoach: could not create its tags:", error));
registerMeterScript().catch(error => console.error("inboxcoach: could not register the meter:", error));
// Start the host now, so the first send does not wait for Python to start.
ask({ type: "ping" }, METER_BUDGET_MS).then(answer => {
  if (!answer.ok) console.warn(`inboxcoach: the inboxcoach host is not available: ${answer.error}`);
});
