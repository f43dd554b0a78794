// What `require('@catdb/core')` loads (the package's "require" export condition): the package
// is ESM only, and without this file CommonJS callers get ERR_PACKAGE_PATH_NOT_EXPORTED, which
// does not say what to do instead.
throw new Error("@catdb/core is ESM-only: use import (or await import('@catdb/core'))");
