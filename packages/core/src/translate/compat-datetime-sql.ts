/**
 * catdb's own PL/pgSQL for SQLite's date and time functions
 * (https://www.sqlite.org/lang_datefunc.html), installed in the `catdb_sqlite` schema.
 * Fixed text: nothing from a source file is ever part of it.
 *
 * A time value is carried as a `timestamp` in UTC, as SQLite computes. The functions read
 * `now()` or the session's TimeZone ('now', 'localtime', 'utc'), so they are STABLE.
 */

/** The time value of SQLite's (time-value, modifier…) arguments, or NULL where SQLite gives NULL. */
const TIME_VALUE = `CREATE OR REPLACE FUNCTION catdb_sqlite.time_value(v anycompatible, mods text[]) RETURNS timestamp
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  t timestamp;
  n double precision;
  s text;
  m text;
  r text[];
  k int := 1;
  ty regtype := pg_typeof(v);
BEGIN
  IF v IS NULL THEN RETURN NULL; END IF;
  BEGIN
    IF ty IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype, 'numeric'::regtype, 'real'::regtype, 'double precision'::regtype) THEN
      n := v::text::double precision;
    ELSIF ty = 'boolean'::regtype THEN
      n := CASE WHEN v::text::boolean THEN 1 ELSE 0 END;
    ELSIF ty = 'timestamp with time zone'::regtype THEN
      t := v::text::timestamptz AT TIME ZONE 'UTC';
    ELSIF ty IN ('timestamp without time zone'::regtype, 'date'::regtype) THEN
      t := v::text::timestamp;
    ELSIF ty = 'time without time zone'::regtype THEN
      t := ('2000-01-01 ' || v::text)::timestamp;
    ELSIF ty = 'bytea'::regtype THEN
      RETURN NULL;
    ELSE
      s := btrim(v::text);
      IF lower(s) = 'now' THEN
        t := date_trunc('milliseconds', now() AT TIME ZONE 'UTC');
      ELSIF s ~ '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$' THEN
        n := s::double precision;
      ELSIF s ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)? *([zZ]|[+-][0-9]{2}:[0-9]{2})?$' THEN
        t := CASE WHEN s ~ '([zZ]|[+-][0-9]{2}:[0-9]{2})$' THEN s::timestamptz AT TIME ZONE 'UTC' ELSE s::timestamp END;
      ELSIF s ~ '^[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)? *([zZ]|[+-][0-9]{2}:[0-9]{2})?$' THEN
        s := '2000-01-01 ' || s;
        t := CASE WHEN s ~ '([zZ]|[+-][0-9]{2}:[0-9]{2})$' THEN s::timestamptz AT TIME ZONE 'UTC' ELSE s::timestamp END;
      ELSE
        RETURN NULL;
      END IF;
    END IF;
    IF n IS NOT NULL THEN
      m := lower(btrim(coalesce(mods[1], '')));
      IF m = 'unixepoch' OR (m = 'auto' AND NOT n BETWEEN 0 AND 5373484.499999) THEN
        t := to_timestamp(round(n * 1000) / 1000.0) AT TIME ZONE 'UTC';
      ELSE
        t := to_timestamp(round((n - 2440587.5) * 86400000) / 1000.0) AT TIME ZONE 'UTC';
      END IF;
      IF m IN ('unixepoch', 'julianday', 'auto') THEN k := 2; END IF;
    END IF;
    FOR i IN k .. coalesce(array_length(mods, 1), 0) LOOP
      m := lower(btrim(mods[i]));
      IF m IS NULL THEN RETURN NULL; END IF;
      r := regexp_match(m, '^([+-]?) *([0-9]+(\\.[0-9]*)?|\\.[0-9]+) +(day|hour|minute|second|month|year)s?$');
      IF r IS NOT NULL THEN
        t := t + (CASE WHEN r[1] = '-' THEN -1 ELSE 1 END) * (r[2]::numeric * ('1 ' || r[4])::interval);
        CONTINUE;
      END IF;
      r := regexp_match(m, '^([+-])([0-9]{2}):([0-9]{2})(:([0-9]{2}(\\.[0-9]+)?))?$');
      IF r IS NOT NULL THEN
        t := t + (CASE WHEN r[1] = '-' THEN -1 ELSE 1 END) * make_interval(hours => r[2]::int, mins => r[3]::int, secs => coalesce(r[5], '0')::double precision);
        CONTINUE;
      END IF;
      r := regexp_match(m, '^weekday ([0-6])$');
      IF r IS NOT NULL THEN
        t := t + ((r[1]::int - extract(dow FROM t)::int + 7) % 7) * interval '1 day';
        CONTINUE;
      END IF;
      CASE m
        WHEN 'start of day' THEN t := date_trunc('day', t);
        WHEN 'start of month' THEN t := date_trunc('month', t);
        WHEN 'start of year' THEN t := date_trunc('year', t);
        WHEN 'localtime' THEN t := (t AT TIME ZONE 'UTC')::timestamp;
        WHEN 'utc' THEN t := t::timestamptz AT TIME ZONE 'UTC';
        WHEN 'subsec', 'subsecond' THEN NULL;
        ELSE RETURN NULL;
      END CASE;
    END LOOP;
    RETURN t;
  EXCEPTION WHEN data_exception THEN
    -- Out-of-range dates and fields: SQLite answers NULL rather than failing the query.
    RETURN NULL;
  END;
END
$fn$`;

/** strftime's format codes, as SQLite 3.46 knows them; an unknown code gives NULL, as in SQLite. */
const STRFTIME = `CREATE OR REPLACE FUNCTION catdb_sqlite.strftime(fmt text, v anycompatible, VARIADIC mods text[] DEFAULT '{}') RETURNS text
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  t timestamp := catdb_sqlite.time_value(v, mods);
  out text := '';
  c text;
  i int := 1;
BEGIN
  IF t IS NULL OR fmt IS NULL THEN RETURN NULL; END IF;
  WHILE i <= length(fmt) LOOP
    c := substr(fmt, i, 1);
    IF c <> '%' THEN
      out := out || c;
      i := i + 1;
      CONTINUE;
    END IF;
    c := substr(fmt, i + 1, 1);
    i := i + 2;
    out := out || CASE c
      WHEN 'd' THEN to_char(t, 'DD')
      WHEN 'e' THEN lpad(extract(day FROM t)::int::text, 2)
      WHEN 'f' THEN to_char(t, 'SS.MS')
      WHEN 'F' THEN to_char(t, 'YYYY-MM-DD')
      WHEN 'H' THEN to_char(t, 'HH24')
      WHEN 'I' THEN to_char(t, 'HH12')
      WHEN 'k' THEN lpad(extract(hour FROM t)::int::text, 2)
      WHEN 'l' THEN lpad(to_char(t, 'FMHH12'), 2)
      WHEN 'j' THEN to_char(t, 'DDD')
      WHEN 'J' THEN ((extract(epoch FROM t) / 86400 + 2440587.5)::double precision)::text
      WHEN 'm' THEN to_char(t, 'MM')
      WHEN 'M' THEN to_char(t, 'MI')
      WHEN 'p' THEN to_char(t, 'AM')
      WHEN 'P' THEN to_char(t, 'am')
      WHEN 'R' THEN to_char(t, 'HH24:MI')
      WHEN 's' THEN floor(extract(epoch FROM t))::bigint::text
      WHEN 'S' THEN to_char(t, 'SS')
      WHEN 'T' THEN to_char(t, 'HH24:MI:SS')
      WHEN 'u' THEN extract(isodow FROM t)::int::text
      WHEN 'w' THEN extract(dow FROM t)::int::text
      WHEN 'W' THEN lpad(((extract(doy FROM t)::int + 6 - (extract(dow FROM t)::int + 6) % 7) / 7)::text, 2, '0')
      WHEN 'U' THEN lpad(((extract(doy FROM t)::int + 6 - extract(dow FROM t)::int) / 7)::text, 2, '0')
      WHEN 'V' THEN to_char(t, 'IW')
      WHEN 'G' THEN to_char(t, 'IYYY')
      WHEN 'g' THEN to_char(t, 'IY')
      WHEN 'Y' THEN to_char(t, 'YYYY')
      WHEN '%' THEN '%'
    END;
    IF out IS NULL THEN RETURN NULL; END IF;
  END LOOP;
  RETURN out;
END
$fn$`;

const formatted = (name: string, returns: string, body: string): string =>
  `CREATE OR REPLACE FUNCTION catdb_sqlite.${name}(v anycompatible, VARIADIC mods text[] DEFAULT '{}') RETURNS ${returns}\n` +
  `LANGUAGE sql STABLE AS $fn$ SELECT ${body} FROM (SELECT catdb_sqlite.time_value(v, mods) AS t) AS x $fn$`;

/** Statements by SQLite function name; each needs time_value first. */
export const DATETIME_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  time_value: [TIME_VALUE],
  datetime: [formatted('datetime', 'text', "to_char(t, 'YYYY-MM-DD HH24:MI:SS')")],
  date: [formatted('date', 'text', "to_char(t, 'YYYY-MM-DD')")],
  time: [formatted('time', 'text', "to_char(t, 'HH24:MI:SS')")],
  julianday: [formatted('julianday', 'double precision', '(extract(epoch FROM t) / 86400 + 2440587.5)::double precision')],
  unixepoch: [formatted('unixepoch', 'bigint', 'floor(extract(epoch FROM t))::bigint')],
  strftime: [STRFTIME],
};
