/**
 * The limits and shapes of input fields that the gateway and the services both check: the
 * gateway for its user (a typed GraphQL error naming the field), each service again for its
 * own safety (it trusts no caller). Plain data, so that both sides read one declaration and
 * neither needs the other's validation library.
 */

/** ISO 3166-1 alpha-2 shape (XK included); whether the state takes part is data. */
export const COUNTRY_CODE = /^[A-Z]{2}$/;

/** BCP 47 tags as CPX stores them: `sq`, `sr-Latn`, `sr-Cyrl`, `cnr`, `rom`, `fr-FR`. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/;

/**
 * What the gateway takes as a language tag: LANGUAGE_TAG with a script subtag in any case
 * (`sr-latn`), which the directory canonicalises (`sr-Latn`) before it checks LANGUAGE_TAG.
 */
export const LANGUAGE_TAG_ANY_SCRIPT_CASE = /^[a-z]{2,3}(-[A-Za-z]{4})?(-[A-Z]{2})?$/;

/** At least one character that is not white space. */
export const NOT_BLANK = /\S/;

/** A client's idempotency key: 8 to 128 of [A-Za-z0-9_-]. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** A name in any script (an agency, a person, a title). */
export const MAX_NAME_LENGTH = 200;
/** Free text such as a jurisdiction or a reason. */
export const MAX_TEXT_LENGTH = 2000;
/** A phone number, an address, a URL. */
export const MAX_CONTACT_VALUE_LENGTH = 320;
/** A list in an input (names, languages, countries, contacts). */
export const MAX_LIST_LENGTH = 20;
