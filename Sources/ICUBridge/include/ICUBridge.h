// The only door to ICU. Plain C types in, plain C types out; ICU's own types never cross it.
#ifndef TICKETTRIAGE_ICU_BRIDGE_H
#define TICKETTRIAGE_ICU_BRIDGE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The ICU version the bridge was built against, e.g. "72.1".
const char *tt_icu_version(void);

// MARK: Character properties

/// ICU's script code (UScriptCode) of a code point.
int32_t tt_script(uint32_t codePoint);
/// ICU's long name of a script code ("Han", "Tibetan", …); never NULL.
const char *tt_script_name(int32_t scriptCode);
/// ICU's general category (UCharCategory) of a code point.
int32_t tt_general_category(uint32_t codePoint);
/// 1 when the code point has the Unicode White_Space property.
int32_t tt_is_white_space(uint32_t codePoint);
/// The decimal digit value of a code point, or -1.
int32_t tt_digit_value(uint32_t codePoint);

// MARK: NFKC_Casefold normalisation

/// 1 when the code point is unaffected by NFKC_Casefold and has boundaries on both sides.
int32_t tt_nfkc_cf_is_inert(uint32_t codePoint);
/// 1 when NFKC_Casefold has a boundary before the code point.
int32_t tt_nfkc_cf_has_boundary_before(uint32_t codePoint);
/// Canonical combining class of a code point.
int32_t tt_combining_class(uint32_t codePoint);
/// Normalises UTF-16 text with NFKC_Casefold. Returns the output length (which may exceed
/// `capacity`: call again with a larger buffer) or -1 on an ICU error.
int32_t tt_nfkc_cf_normalize(const uint16_t *text, int32_t length, uint16_t *output, int32_t capacity);

// MARK: Transliteration (build-time tables and tests; not used on hot paths)

typedef struct tt_transliterator tt_transliterator;
/// Opens a transliterator by id ("Hant-Hans"); NULL on failure.
tt_transliterator *tt_transliterator_open(const char *identifier);
void tt_transliterator_close(tt_transliterator *transliterator);
/// Transliterates UTF-16 text. Returns the output length (may exceed `capacity`) or -1.
int32_t tt_transliterate(const tt_transliterator *transliterator, const uint16_t *text, int32_t length,
                         uint16_t *output, int32_t capacity);
/// The transliterator's rules as UTF-16 source. Returns the length (may exceed `capacity`) or -1.
int32_t tt_transliterator_rules(const tt_transliterator *transliterator, uint16_t *output, int32_t capacity);

// MARK: ICU's Chinese/Japanese word dictionary (the one its word break iterator uses)

typedef struct tt_word_dictionary tt_word_dictionary;
/// Opens ICU's built-in CJK dictionary; NULL when the ICU data has none.
const tt_word_dictionary *tt_cjk_dictionary_open(void);
/// The words of the dictionary that start at `text[0]` (code points), up to `maxLength` code
/// points: writes their lengths (ascending) and costs. Returns how many were written. Thread-safe.
int32_t tt_dictionary_prefixes(const tt_word_dictionary *dictionary, const uint32_t *text, int32_t length,
                               int32_t maxLength, int32_t *lengths, int32_t *costs, int32_t capacity);

// MARK: Regular expressions (the rules' escape hatch), bounded in time

typedef struct tt_regex tt_regex;
/// Compiles a pattern (UTF-16). On failure returns NULL, with the UTF-16 offset of the problem in
/// `errorOffset` (-1 if unknown) and ICU's error name in `errorName`.
tt_regex *tt_regex_open(const uint16_t *pattern, int32_t length, int32_t *errorOffset, char *errorName, int32_t errorCapacity);
void tt_regex_close(tt_regex *regex);
/// Finds the matches in UTF-16 text as `[start, end)` pairs of UTF-16 offsets. `timeLimit` is in
/// ICU's match-loop units (about a millisecond each). Returns the number of matches (may exceed
/// `capacity` pairs), -1 on an error, -2 when the time limit stopped the search. Thread-safe: each
/// call works on its own copy of the compiled pattern.
int32_t tt_regex_find(const tt_regex *regex, const uint16_t *text, int32_t length, int32_t timeLimit,
                      int32_t *spans, int32_t capacity);

// MARK: Messages (the reply catalog): ICU's C++ MessageFormat with named arguments

typedef struct tt_message tt_message;
/// Compiles a MessageFormat pattern (UTF-16) for a locale ("zh_Hans", "bo"); dates are shown in
/// `timeZone` ("Asia/Shanghai"). On failure returns NULL with the 1-based line and the UTF-16
/// offset in that line of the problem (-1 when unknown) and ICU's error name.
tt_message *tt_message_open(const uint16_t *pattern, int32_t length, const char *locale, const char *timeZone,
                            int32_t *errorLine, int32_t *errorOffset, char *errorName, int32_t errorCapacity);
void tt_message_close(tt_message *message);

enum { TT_ARGUMENT_TEXT = 0, TT_ARGUMENT_NUMBER = 1, TT_ARGUMENT_DATE = 2 };
/// One named argument: text (UTF-16), a number, or a date (milliseconds since 1970).
typedef struct {
    const uint16_t *name;
    int32_t nameLength;
    int32_t kind;
    const uint16_t *text;
    int32_t textLength;
    double number;
} tt_message_argument;

/// Formats a message. Returns the output length (may exceed `capacity`: call again with a larger
/// buffer), or -1 with ICU's error name (e.g. a `plural` given text). An argument the pattern
/// names but `arguments` lacks comes out as `{name}`, as ICU does; callers check for it.
/// Thread-safe (formats one at a time per message).
int32_t tt_message_format(tt_message *message, const tt_message_argument *arguments, int32_t count,
                          uint16_t *output, int32_t capacity, char *errorName, int32_t errorCapacity);
/// The argument names a message uses, each followed by a NUL, in order of first use. Returns the
/// UTF-16 length written (may exceed `capacity`).
int32_t tt_message_argument_names(const tt_message *message, uint16_t *output, int32_t capacity);

// MARK: Calendars

/// The year, month (1-based), day and leap-month flag of a moment (milliseconds since 1970) in
/// `calendar` ("gregorian", "chinese") and `timeZone`. Returns 0, or -1 on an ICU error.
int32_t tt_calendar_date(double millis, const char *calendar, const char *timeZone,
                         int32_t *year, int32_t *month, int32_t *day, int32_t *isLeapMonth);

// MARK: Charset conversion (exports of older systems: GB18030, GBK, Big5, …)

typedef struct tt_converter tt_converter;
/// Opens a converter from a charset to Unicode by ICU name or alias; NULL with ICU's error name
/// when the charset is unknown.
tt_converter *tt_converter_open(const char *charset, char *errorName, int32_t errorCapacity);
void tt_converter_close(tt_converter *converter);
/// Converts the next bytes of a stream to UTF-16, keeping partial sequences for the next call;
/// `flush` marks the end of the stream. Bytes that are not valid in the charset become U+FFFD.
/// `capacity` must be at least 2 × `length` + 16. Returns the UTF-16 length, or -1 on an ICU error.
int32_t tt_converter_to_utf16(tt_converter *converter, const char *bytes, int32_t length, int32_t flush,
                              uint16_t *output, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
