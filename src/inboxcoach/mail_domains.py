"""Mail domains: which are public mailbox providers, and which organisation a domain is.

:data:`PUBLIC_MAIL_DOMAINS` is the one list of public mail domains: config validation
rejects them as a program's ``domains`` (anyone can write from gmail.com), and
``programs suggest`` never proposes them, turning a coordinator who writes from one
into an exact ``contacts`` entry instead. :func:`organization_domain` reduces a mail
domain to the part an organisation registered (``gme.riverside.edu`` ->
``riverside.edu``), by the Public Suffix List bundled with ``publicsuffixlist``, so
``co.uk``-style suffixes are handled without a network look-up.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["PUBLIC_MAIL_DOMAINS", "domain_of", "is_public_mail_domain", "organization_domain"]

#: Domains of mailbox providers where anyone can open an address. A program's mail
#: never comes from one as a program; a person there is listed by exact address.
PUBLIC_MAIL_DOMAINS: frozenset[str] = frozenset(
    {
        # Google
        "gmail.com", "googlemail.com",
        # Microsoft
        "outlook.com", "hotmail.com", "live.com", "msn.com", "passport.com",
        "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es",
        "outlook.fr", "outlook.de", "outlook.es", "outlook.it", "live.co.uk", "live.fr",
        # Apple
        "icloud.com", "me.com", "mac.com",
        # Yahoo, AOL
        "yahoo.com", "ymail.com", "rocketmail.com", "yahoo.co.uk", "yahoo.co.in",
        "yahoo.fr", "yahoo.de", "yahoo.es", "yahoo.it", "yahoo.ca", "yahoo.com.br",
        "aol.com", "aim.com",
        # Proton, Tuta, Fastmail, Zoho and other independent providers
        "proton.me", "protonmail.com", "protonmail.ch", "pm.me",
        "tutanota.com", "tutanota.de", "tuta.io", "tuta.com",
        "fastmail.com", "fastmail.fm", "zoho.com", "zohomail.com",
        "hey.com", "mail.com", "email.com", "gmx.com", "gmx.net", "gmx.de", "web.de",
        "yandex.com", "yandex.ru", "mail.ru", "inbox.ru", "qq.com", "163.com", "126.com",
        "rediffmail.com", "naver.com", "hanmail.net", "daum.net",
        # Internet providers' mailboxes common among applicants
        "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net",
        "cox.net", "charter.net", "btinternet.com", "orange.fr", "free.fr", "libero.it",
    }
)  # fmt: skip


def domain_of(address: str) -> str:
    """The domain of a mail address, lower-cased (``""`` when there is no ``@``)."""
    return address.rpartition("@")[2].strip().lower() if "@" in address else ""


#: Documentation domains (RFC 2606, RFC 6761) never carry real mail; one named like a
#: provider (gmail.example, mail.example.net) stands for that provider in examples and
#: tests, and is treated as one.
_DOCUMENTATION = (".example", ".test", ".invalid", ".localhost", ".example.com", ".example.net", ".example.org")
_PROVIDER_LABELS = frozenset(
    {"gmail", "googlemail", "outlook", "hotmail", "live", "yahoo", "icloud", "aol", "proton", "protonmail", "mail"}
)


def is_public_mail_domain(domain: str) -> bool:
    """True for a public mailbox provider's domain or one of its subdomains
    (``gmail.com``, ``mail.yahoo.com``), and for a documentation domain named like one
    (``outlook.example``)."""
    domain = domain.strip().lower().lstrip("@").rstrip(".")
    parts = domain.split(".")
    if any(".".join(parts[i:]) in PUBLIC_MAIL_DOMAINS for i in range(len(parts) - 1)):
        return True
    for suffix in _DOCUMENTATION:
        if domain.endswith(suffix):
            rest = domain[: -len(suffix)]
            return rest in _PROVIDER_LABELS
    return False


@lru_cache(maxsize=1)
def _suffix_list() -> Any:
    from publicsuffixlist import PublicSuffixList  # type: ignore[import-untyped,unused-ignore]

    return PublicSuffixList()


#: Second-level names reserved for documentation (RFC 2606): like a public suffix, each
#: holds many unrelated organisations (osage.example.org, wabash.example.com).
_RESERVED = ("example.com", "example.net", "example.org")


@lru_cache(maxsize=4096)
def organization_domain(domain: str) -> str:
    """The registered domain of ``domain``: ``med.bellmont.edu`` -> ``bellmont.edu``,
    ``anes.nhs.net`` -> ``nhs.net``, ``mail.hospital.co.uk`` -> ``hospital.co.uk``. A
    domain that is only a public suffix (or unparseable) is returned as it is."""
    domain = domain.strip().lower().rstrip(".")
    for reserved in _RESERVED:
        if domain.endswith("." + reserved):
            return domain[: -len(reserved) - 1].rsplit(".", 1)[-1] + "." + reserved
    private = _suffix_list().privatesuffix(domain)
    return str(private) if private else domain
