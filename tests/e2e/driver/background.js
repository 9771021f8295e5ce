// Test only (tests/e2e/test_thunderbird.py): sends the scenario's letters through
// compose windows, as a user pressing Send would, waits for a keyword on the server to
// show as a tag, reads the meter shown above that message, and posts each result to
// the test's HTTP server on 127.0.0.1.

const pause = ms => new Promise(resolve => setTimeout(resolve, ms));

async function main(scenario, report) {
  await browser.testaccount.setPassword(scenario.imap.origin, scenario.imap.user, scenario.imap.password);
  for (const letter of scenario.letters) {
    const tab = await browser.compose.beginNew({
      to: letter.to,
      subject: letter.subject,
      plainTextBody: letter.body,
      isPlainText: true,
    });
    try {
      await browser.compose.sendMessage(tab.id, { mode: "sendNow" });
      await report({ step: "send", name: letter.name, sent: true });
    } catch (error) {
      await report({ step: "send", name: letter.name, sent: false, error: String(error?.message ?? error) });
    }
  }
  if (scenario.move_popup_to) {
    // tests/e2e/screenshot.py: with no window manager, windows pile up at the top
    // left; move the add-on's window beside the others, where nothing covers it.
    await pause(1000);
    const [popup] = await browser.windows.getAll({ windowTypes: ["popup"] });
    await browser.windows.update(popup.id, { ...scenario.move_popup_to, focused: true });
  }
  if (!scenario.tag) return;
  const deadline = Date.now() + scenario.tag_timeout_ms;
  let tagged = [];
  do {
    await browser.testaccount.getNewMail();
    await pause(500);
    const found = await browser.messages.query({ tags: { mode: "any", tags: { [scenario.tag]: true } } });
    tagged = found.messages.map(m => ({ id: m.id, subject: m.subject, tags: m.tags }));
  } while (!tagged.length && Date.now() < deadline);
  await report({ step: "tags", tagged, tags: await browser.messages.tags.list() });
  if (!tagged.length) return;
  // the meter the add-on shows above the displayed message (display.js)
  const tab = await browser.messageDisplay.open({ messageId: tagged[0].id, location: "tab" });
  let meter = null;
  do {
    await pause(250);
    [meter] = await browser.tabs.executeScript(tab.id, {
      code: "document.querySelector('.inboxcoach-meter')?.textContent ?? null",
    });
  } while (meter === null && Date.now() < deadline);
  await report({ step: "meter", meter });
}

(async () => {
  const scenario = await (await fetch(browser.runtime.getURL("scenario.json"))).json();
  const report = data => fetch(scenario.report_url, { method: "POST", body: JSON.stringify(data) });
  try {
    await report({ step: "started" });
    await main(scenario, report);
  } catch (error) {
    await report({ step: "error", error: String(error?.stack ?? error) });
  }
  await report({ step: "done" });
})();
