// The window opened when a send was stopped: the findings, "Keep editing" (close this
// window; the message stays open in its compose window) and "Send anyway" (send it
// without checking again).

const params = new URLSearchParams(location.search);
const tabId = Number(params.get("tab"));
const answer = JSON.parse(params.get("answer"));

const ORDER = { critical: 0, warning: 1, info: 2 };
const list = document.getElementById("findings");
for (const finding of answer.findings.toSorted((a, b) => ORDER[a.severity] - ORDER[b.severity])) {
  const item = document.createElement("li");
  item.className = finding.severity;
  item.textContent = finding.text; // text, never HTML
  list.append(item);
}

async function closeWindow() {
  const current = await messenger.windows.getCurrent();
  await messenger.windows.remove(current.id);
}

document.getElementById("edit").addEventListener("click", closeWindow);

document.getElementById("send").addEventListener("click", async event => {
  const button = event.target;
  button.disabled = true;
  button.textContent = "Sending…";
  const result = await messenger.runtime.sendMessage({ type: "send-anyway", tabId });
  if (result?.ok) return closeWindow();
  const error = document.getElementById("error");
  error.textContent = `Not sent: ${result?.error ?? "the compose window is gone"}`;
  error.hidden = false;
  button.disabled = false;
  button.textContent = "Send anyway";
});
