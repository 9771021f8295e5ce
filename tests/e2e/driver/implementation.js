// Test only: what a WebExtension cannot do - store the IMAP password (a fresh profile
// has none, and a headless Thunderbird cannot ask) and fetch new mail now.
/* global ChromeUtils, Services, Cc, Ci */
"use strict";

var { ExtensionCommon } = ChromeUtils.importESModule("resource://gre/modules/ExtensionCommon.sys.mjs");
var { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");

var testaccount = class extends ExtensionCommon.ExtensionAPI {
  getAPI() {
    return {
      testaccount: {
        async setPassword(origin, username, password) {
          const login = Cc["@mozilla.org/login-manager/loginInfo;1"].createInstance(Ci.nsILoginInfo);
          login.init(origin, null, origin, username, password, "", "");
          await Services.logins.addLoginAsync(login);
        },
        async getNewMail() {
          for (const server of MailServices.accounts.allServers) {
            if (server.type !== "imap") continue;
            server.performExpand(null);
            const inbox = server.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
            inbox?.updateFolder(null);
          }
        },
      },
    };
  }
};
