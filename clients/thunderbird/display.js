// Above a displayed message: the program it belongs to and the contact meter
// ("2 of 3 contacts · last reply 14 Jan · silence is normal"), from inboxcoach's
// database. Nothing is shown for mail that belongs to no program.

(async () => {
  const answer = await browser.runtime.sendMessage({ type: "meter" });
  if (!answer?.ok || !answer.programs?.length) return;
  const banner = document.createElement("div");
  banner.className = "inboxcoach-meter";
  for (const program of answer.programs) {
    const line = document.createElement("div");
    const name = document.createElement("strong");
    name.textContent = program.name;
    line.append(name, ` · ${program.meter}`);
    banner.append(line);
  }
  document.body.prepend(banner);
})();
