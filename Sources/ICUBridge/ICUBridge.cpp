#include "ICUBridge.h"

#include <unicode/datefmt.h>
#include <unicode/msgfmt.h>
#include <unicode/messagepattern.h>
#include <unicode/timezone.h>
#include <unicode/ucal.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/uchar.h>
#include <unicode/ucharstrie.h>
#include <unicode/ustring.h>
#include <unicode/udata.h>
#include <unicode/uregex.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

#include <memory>
#include <string>
#include <mutex>
#include <vector>

const char *tt_icu_version(void) { return U_ICU_VERSION; }

// MARK: Character properties

int32_t tt_script(uint32_t codePoint) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript((UChar32)codePoint, &status);
    return U_SUCCESS(status) ? (int32_t)code : (int32_t)USCRIPT_UNKNOWN;
}

const char *tt_script_name(int32_t scriptCode) {
    const char *name = uscript_getName((UScriptCode)scriptCode);
    return name ? name : "Unknown";
}

int32_t tt_general_category(uint32_t codePoint) { return (int32_t)u_charType((UChar32)codePoint); }
int32_t tt_is_white_space(uint32_t codePoint) { return u_isUWhiteSpace((UChar32)codePoint) ? 1 : 0; }
int32_t tt_digit_value(uint32_t codePoint) { return u_charDigitValue((UChar32)codePoint); }

// MARK: Normalisation

static const UNormalizer2 *nfkcCasefold(void) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *instance = unorm2_getNFKCCasefoldInstance(&status);
    return U_SUCCESS(status) ? instance : nullptr;
}

int32_t tt_nfkc_cf_is_inert(uint32_t codePoint) {
    const UNormalizer2 *n = nfkcCasefold();
    return n && unorm2_isInert(n, (UChar32)codePoint) ? 1 : 0;
}

int32_t tt_nfkc_cf_has_boundary_before(uint32_t codePoint) {
    const UNormalizer2 *n = nfkcCasefold();
    return n && unorm2_hasBoundaryBefore(n, (UChar32)codePoint) ? 1 : 0;
}

int32_t tt_combining_class(uint32_t codePoint) { return (int32_t)u_getCombiningClass((UChar32)codePoint); }

int32_t tt_nfkc_cf_normalize(const uint16_t *text, int32_t length, uint16_t *output, int32_t capacity) {
    const UNormalizer2 *n = nfkcCasefold();
    if (!n) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = unorm2_normalize(n, (const UChar *)text, length, (UChar *)output, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(status)) return written;
    return -1;
}

// MARK: Transliteration

struct tt_transliterator {
    UTransliterator *icu;
};

tt_transliterator *tt_transliterator_open(const char *identifier) {
    UErrorCode status = U_ZERO_ERROR;
    UChar id[128];
    u_uastrncpy(id, identifier, 127);
    id[127] = 0;
    UTransliterator *icu = utrans_openU(id, -1, UTRANS_FORWARD, nullptr, 0, nullptr, &status);
    if (U_FAILURE(status)) return nullptr;
    return new tt_transliterator{icu};
}

void tt_transliterator_close(tt_transliterator *transliterator) {
    if (!transliterator) return;
    utrans_close(transliterator->icu);
    delete transliterator;
}

int32_t tt_transliterate(const tt_transliterator *transliterator, const uint16_t *text, int32_t length,
                         uint16_t *output, int32_t capacity) {
    if (length > capacity) return length;  // ICU works in place: the buffer must hold the input first
    u_memcpy((UChar *)output, (const UChar *)text, length);
    int32_t textLength = length;
    int32_t limit = length;
    UErrorCode status = U_ZERO_ERROR;
    utrans_transUChars(transliterator->icu, (UChar *)output, &textLength, capacity, 0, &limit, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(status)) return textLength;
    return -1;
}

int32_t tt_transliterator_rules(const tt_transliterator *transliterator, uint16_t *output, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = utrans_toRules(transliterator->icu, false, (UChar *)output, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(status)) return written;
    return -1;
}

// MARK: Dictionary

// The layout of ICU's dictionary data header (see ICU's dictionarydata.h): the first int32 is the
// offset of the trie, the fifth its type.
namespace {
enum { indexTrieOffset = 0, indexTrieType = 4, trieTypeMask = 7, trieTypeUChars = 1 };
}

struct tt_word_dictionary {
    UDataMemory *file;
    const char16_t *trie;
    // The trie's state after each BMP first character: the root branch is by far the widest, so
    // most of a look-up's time goes into it; doing that step once per character at open saves it.
    icu::UCharsTrie::State *firstStates;
    UStringTrieResult *firstResults;
    int32_t *firstValues;
};

const tt_word_dictionary *tt_cjk_dictionary_open(void) {
    static tt_word_dictionary *shared = nullptr;
    static std::once_flag once;
    std::call_once(once, [] {
        UErrorCode status = U_ZERO_ERROR;
        UDataMemory *file = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", "cjdict", &status);
        if (U_FAILURE(status)) return;
        const int32_t *indexes = (const int32_t *)udata_getMemory(file);
        if ((indexes[indexTrieType] & trieTypeMask) != trieTypeUChars) {
            udata_close(file);
            return;
        }
        const char16_t *characters = (const char16_t *)((const char *)indexes + indexes[indexTrieOffset]);
        auto *states = new icu::UCharsTrie::State[0x10000];
        auto *results = new UStringTrieResult[0x10000];
        auto *values = new int32_t[0x10000];
        icu::UCharsTrie trie(characters);
        for (UChar32 c = 0; c < 0x10000; ++c) {
            results[c] = U_IS_SURROGATE(c) ? USTRINGTRIE_NO_MATCH : trie.first(c);
            if (results[c] != USTRINGTRIE_NO_MATCH) trie.saveState(states[c]);
            values[c] = USTRINGTRIE_HAS_VALUE(results[c]) ? trie.getValue() : 0;
        }
        shared = new tt_word_dictionary{file, characters, states, results, values};
    });
    return shared;
}

int32_t tt_dictionary_prefixes(const tt_word_dictionary *dictionary, const uint32_t *text, int32_t length,
                               int32_t maxLength, int32_t *lengths, int32_t *costs, int32_t capacity) {
    int32_t limit = length < maxLength ? length : maxLength;
    if (limit <= 0) return 0;
    int32_t count = 0;
    auto record = [&](int32_t wordLength, int32_t cost) {
        if (count == capacity) return;
        lengths[count] = wordLength;
        costs[count] = cost;
        ++count;
    };
    icu::UCharsTrie trie(dictionary->trie);
    UStringTrieResult result;
    if (text[0] < 0x10000) {
        result = dictionary->firstResults[text[0]];
        if (USTRINGTRIE_HAS_VALUE(result)) record(1, dictionary->firstValues[text[0]]);
        // No word goes on from this character, or there is no text after it: the tables said it all.
        if (!USTRINGTRIE_HAS_NEXT(result) || limit == 1) return count;
        trie.resetToState(dictionary->firstStates[text[0]]);
    } else {
        result = trie.first((UChar32)text[0]);
        if (USTRINGTRIE_HAS_VALUE(result)) record(1, trie.getValue());
        if (!USTRINGTRIE_HAS_NEXT(result)) return count;
    }
    for (int32_t i = 1; i < limit; ++i) {
        result = trie.next((UChar32)text[i]);
        if (USTRINGTRIE_HAS_VALUE(result)) record(i + 1, trie.getValue());
        if (!USTRINGTRIE_HAS_NEXT(result)) break;
    }
    return count;
}

// MARK: Regular expressions

struct tt_regex {
    URegularExpression *icu;
};

tt_regex *tt_regex_open(const uint16_t *pattern, int32_t length, int32_t *errorOffset, char *errorName, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    URegularExpression *icu = uregex_open((const UChar *)pattern, length, 0, &parseError, &status);
    if (U_FAILURE(status)) {
        *errorOffset = parseError.offset;
        if (errorCapacity > 0) {
            const char *name = u_errorName(status);
            int32_t i = 0;
            for (; name[i] && i < errorCapacity - 1; ++i) errorName[i] = name[i];
            errorName[i] = 0;
        }
        return nullptr;
    }
    return new tt_regex{icu};
}

void tt_regex_close(tt_regex *regex) {
    if (!regex) return;
    uregex_close(regex->icu);
    delete regex;
}

int32_t tt_regex_find(const tt_regex *regex, const uint16_t *text, int32_t length, int32_t timeLimit,
                      int32_t *spans, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    URegularExpression *copy = uregex_clone(regex->icu, &status);
    if (U_FAILURE(status)) return -1;
    uregex_setTimeLimit(copy, timeLimit, &status);
    uregex_setText(copy, (const UChar *)text, length, &status);
    int32_t count = 0;
    while (U_SUCCESS(status) && uregex_findNext(copy, &status)) {
        int32_t start = uregex_start(copy, 0, &status), end = uregex_end(copy, 0, &status);
        if (count < capacity) {
            spans[2 * count] = start;
            spans[2 * count + 1] = end;
        }
        ++count;
    }
    uregex_close(copy);
    if (status == U_REGEX_TIME_OUT) return -2;
    return U_FAILURE(status) ? -1 : count;
}

// MARK: Messages

static void copyErrorName(UErrorCode status, char *errorName, int32_t errorCapacity) {
    if (errorCapacity <= 0) return;
    const char *name = u_errorName(status);
    int32_t i = 0;
    for (; name[i] && i < errorCapacity - 1; ++i) errorName[i] = name[i];
    errorName[i] = 0;
}

struct tt_message {
    std::unique_ptr<icu::MessageFormat> format;
    icu::UnicodeString pattern;
    // MessageFormat builds some sub-formatters lazily inside const methods, so one call at a time.
    std::mutex lock;
};

tt_message *tt_message_open(const uint16_t *pattern, int32_t length, const char *locale, const char *timeZone,
                            int32_t *errorLine, int32_t *errorOffset, char *errorName, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError{};
    icu::UnicodeString text((const UChar *)pattern, length);
    auto format = std::make_unique<icu::MessageFormat>(text, icu::Locale(locale), parseError, status);
    if (U_FAILURE(status)) {
        *errorLine = parseError.line;
        *errorOffset = parseError.offset;
        copyErrorName(status, errorName, errorCapacity);
        return nullptr;
    }
    // Every date argument is shown in the catalog's time zone, not the process's.
    icu::StringEnumeration *names = format->getFormatNames(status);
    if (U_SUCCESS(status) && names) {
        while (const icu::UnicodeString *name = names->snext(status)) {
            UErrorCode formatStatus = U_ZERO_ERROR;
            if (auto *date = dynamic_cast<icu::DateFormat *>(format->getFormat(*name, formatStatus))) {
                date->adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString(timeZone, -1, US_INV)));
            }
        }
    }
    delete names;
    auto *message = new tt_message;
    message->format = std::move(format);
    message->pattern = text;
    return message;
}

void tt_message_close(tt_message *message) { delete message; }

int32_t tt_message_format(tt_message *message, const tt_message_argument *arguments, int32_t count,
                          uint16_t *output, int32_t capacity, char *errorName, int32_t errorCapacity) {
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    names.reserve(count);
    values.reserve(count);
    for (int32_t i = 0; i < count; ++i) {
        const tt_message_argument &argument = arguments[i];
        names.emplace_back((const UChar *)argument.name, argument.nameLength);
        switch (argument.kind) {
        case TT_ARGUMENT_NUMBER: values.emplace_back(argument.number); break;
        case TT_ARGUMENT_DATE: values.emplace_back((UDate)argument.number, icu::Formattable::kIsDate); break;
        default: values.emplace_back(icu::UnicodeString((const UChar *)argument.text, argument.textLength)); break;
        }
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString result;
    {
        std::lock_guard<std::mutex> guard(message->lock);
        message->format->format(names.data(), values.data(), count, result, status);
    }
    if (U_FAILURE(status)) {
        copyErrorName(status, errorName, errorCapacity);
        return -1;
    }
    int32_t n = result.length();
    if (n <= capacity) result.extract(0, n, (UChar *)output);
    return n;
}

int32_t tt_message_argument_names(const tt_message *message, uint16_t *output, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError{};
    icu::MessagePattern pattern(message->pattern, &parseError, status);
    if (U_FAILURE(status)) return 0;
    std::vector<icu::UnicodeString> seen;
    int32_t written = 0;
    for (int32_t i = 0; i < pattern.countParts(); ++i) {
        const icu::MessagePattern::Part &part = pattern.getPart(i);
        if (part.getType() != UMSGPAT_PART_TYPE_ARG_NAME) continue;
        icu::UnicodeString name = pattern.getSubstring(part);
        bool known = false;
        for (const auto &other : seen) known = known || other == name;
        if (known) continue;
        seen.push_back(name);
        for (int32_t j = 0; j <= name.length(); ++j) {
            if (written < capacity) output[written] = j < name.length() ? name.charAt(j) : 0;
            ++written;
        }
    }
    return written;
}

// MARK: Calendars

int32_t tt_calendar_date(double millis, const char *calendar, const char *timeZone,
                         int32_t *year, int32_t *month, int32_t *day, int32_t *isLeapMonth) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString zone(timeZone, -1, US_INV);
    std::string locale = std::string("en@calendar=") + calendar;
    UCalendar *cal = ucal_open(zone.getBuffer(), zone.length(), locale.c_str(), UCAL_DEFAULT, &status);
    if (U_FAILURE(status)) return -1;
    ucal_setMillis(cal, millis, &status);
    *year = ucal_get(cal, UCAL_EXTENDED_YEAR, &status);
    *month = ucal_get(cal, UCAL_MONTH, &status) + 1;
    *day = ucal_get(cal, UCAL_DATE, &status);
    *isLeapMonth = ucal_get(cal, UCAL_IS_LEAP_MONTH, &status);
    ucal_close(cal);
    return U_SUCCESS(status) ? 0 : -1;
}

// MARK: Charset conversion

struct tt_converter {
    UConverter *icu;
};

// Invalid or unmappable bytes become U+FFFD, whatever substitution character the charset has.
static void substituteReplacementCharacter(const void *, UConverterToUnicodeArgs *arguments, const char *, int32_t,
                                           UConverterCallbackReason reason, UErrorCode *status) {
    if (reason > UCNV_IRREGULAR) return;
    *status = U_ZERO_ERROR;
    const UChar replacement = 0xFFFD;
    ucnv_cbToUWriteUChars(arguments, &replacement, 1, 0, status);
}

tt_converter *tt_converter_open(const char *charset, char *errorName, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *icu = ucnv_open(charset, &status);
    if (U_FAILURE(status) || !icu) {
        copyErrorName(status, errorName, errorCapacity);
        return nullptr;
    }
    ucnv_setToUCallBack(icu, substituteReplacementCharacter, nullptr, nullptr, nullptr, &status);
    return new tt_converter{icu};
}

void tt_converter_close(tt_converter *converter) {
    if (!converter) return;
    ucnv_close(converter->icu);
    delete converter;
}

int32_t tt_converter_to_utf16(tt_converter *converter, const char *bytes, int32_t length, int32_t flush,
                              uint16_t *output, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UChar *target = (UChar *)output;
    const char *source = bytes;
    ucnv_toUnicode(converter->icu, &target, (UChar *)output + capacity, &source, bytes + length, nullptr, flush != 0, &status);
    if (U_FAILURE(status)) return -1;
    return (int32_t)(target - (UChar *)output);
}
