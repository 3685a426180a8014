/* adapters/gen/gen_profiles.c: the profile table of gen_profiles.h, one row per province that
 * has program counties in fixtures/reference/counties.csv, plus a default. */
#include "gen_profiles.h"

#include <string.h>

#define GEN_PROFILE_MAX 10

typedef struct profile {
    const char *code;
    const char *fields[GEN_PROFILE_MAX + 1]; /* NULL-terminated */
} profile;

static const profile profiles[] = {
    {"13", {"millet", "jujube", "edible_fungi", "apple", "vegetables", "sheep", "medicinal_herbs", "chestnut"}},
    {"14", {"millet", "edible_fungi", "apple", "walnut", "jujube", "sheep", "medicinal_herbs", "vegetables"}},
    {"15", {"cattle", "sheep", "potato", "oats", "forage", "buckwheat", "dairy", "vegetables"}},
    {"22", {"corn", "rice", "cattle", "edible_fungi", "ginseng", "vegetables"}},
    {"23", {"rice", "soybean", "corn", "edible_fungi", "cattle", "medicinal_herbs", "blueberry"}},
    {"34", {"tea", "rice", "medicinal_herbs", "vegetables", "freshwater_fish", "poultry", "pig", "bamboo"}},
    {"36", {"navel_orange", "tea", "rice", "camellia_oil", "vegetables", "pig", "freshwater_fish", "bamboo"}},
    {"41", {"chili_pepper", "vegetables", "peanut", "wheat", "edible_fungi", "cattle", "medicinal_herbs", "sesame"}},
    {"42", {"tea", "citrus", "kiwifruit", "edible_fungi", "freshwater_fish", "medicinal_herbs", "pig", "konjac"}},
    {"43", {"kiwifruit", "tea", "citrus", "camellia_oil", "pig", "rice", "medicinal_herbs", "vegetables"}},
    {"45", {"sugarcane", "mango", "citrus", "tea", "mulberry_silk", "pig", "kiwifruit", "camellia_oil", "vegetables"}},
    {"46", {"tropical_fruit", "vegetables", "rubber", "coconut", "poultry", "freshwater_fish"}},
    {"50", {"citrus", "chili_pepper", "tea", "vegetables", "pig", "medicinal_herbs", "sichuan_pepper", "edible_fungi"}},
    {"51", {"kiwifruit", "tea", "pig", "citrus", "sichuan_pepper", "medicinal_herbs", "yak", "potato", "walnut", "konjac"}},
    {"52", {"tea", "chili_pepper", "edible_fungi", "kiwifruit", "cattle", "medicinal_herbs", "potato", "citrus", "vegetables"}},
    {"53", {"coffee", "tea", "flowers", "walnut", "vegetables", "medicinal_herbs", "citrus", "cattle", "edible_fungi", "potato"}},
    {"54", {"highland_barley", "yak", "sheep", "medicinal_herbs", "vegetables", "potato"}},
    {"61", {"apple", "kiwifruit", "tea", "edible_fungi", "walnut", "medicinal_herbs", "sheep", "chestnut", "pig"}},
    {"62", {"potato", "apple", "cattle", "sheep", "medicinal_herbs", "vegetables", "forage"}},
    {"63", {"yak", "sheep", "highland_barley", "goji_berry", "potato", "rapeseed", "medicinal_herbs"}},
    {"64", {"sheep", "goji_berry", "cattle", "forage", "potato", "vegetables", "grapes"}},
    {"65", {"cotton", "jujube", "grapes", "walnut", "sheep", "cattle", "apricot", "vegetables"}},
};

static const char *const default_fields[] = {"vegetables", "edible_fungi", "medicinal_herbs",
                                             "pig", "cattle", "tea", "potato", "apple"};

const char *const *gen_profile_fields(const char *code, int *n)
{
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
        if (strcmp(profiles[i].code, code) == 0) {
            int k = 0;
            while (k < GEN_PROFILE_MAX && profiles[i].fields[k])
                k++;
            *n = k;
            return profiles[i].fields;
        }
    }
    *n = (int)(sizeof default_fields / sizeof default_fields[0]);
    return default_fields;
}
