# The messages of the validation errors actix-api-error sends, in English:
# pydantic's own words. Each message's id is the error's `type`; its
# variables are the error's `ctx` (`$gt`, `$min_length`, ...). A message's
# `.plain` attribute is used when the error has no `ctx`.
#
# To add a language, copy this file, translate every message, and register
# it: `Languages::builtin().add("it", include_str!("it.ftl"))`. The messages
# of your own `#[api_error]` codes go in the same file, their code as the id.

# Joins the last two values of a list: 'a', 'b' or 'c'.
list-or = or

missing = Field required
int_parsing = Input should be a valid integer, unable to parse string as an integer
int_parsing_size = Unable to parse input string as an integer, exceeded maximum size
int_from_float = Input should be a valid integer, got a number with a fractional part
int_type = Input should be a valid integer
finite_number = Input should be a finite number
float_parsing = Input should be a valid number, unable to parse string as a number
float_type = Input should be a valid number
bool_parsing = Input should be a valid boolean, unable to interpret input
bool_type = Input should be a valid boolean
string_type = Input should be a valid string
model_attributes_type = Input should be a valid dictionary or object to extract fields from
dict_type = Input should be a valid dictionary
list_type = Input should be a valid list
tuple_type = Input should be a valid tuple
none_required = Input should be None
extra_forbidden = Extra inputs are not permitted
enum = Input should be { $expected }
greater_than = Input should be greater than { $gt }
greater_than_equal = Input should be greater than or equal to { $ge }
less_than = Input should be less than { $lt }
less_than_equal = Input should be less than or equal to { $le }
string_too_short = String should have at least { $min_length } { $min_length ->
        [one] character
       *[other] characters
    }
string_too_long = String should have at most { $max_length } { $max_length ->
        [one] character
       *[other] characters
    }
too_short = { $field_type } should have at least { $min_length } { $min_length ->
        [one] item
       *[other] items
    } after validation, not { $actual_length }
too_long = { $field_type } should have at most { $max_length } { $max_length ->
        [one] item
       *[other] items
    } after validation, not { $actual_length }
string_pattern_mismatch = String should match pattern '{ $pattern }'
    .plain = String should match the required pattern
url_parsing = Input should be a valid URL, { $error }
    .plain = Input should be a valid URL
uuid_parsing = Input should be a valid UUID, { $error }
uuid_type = UUID input should be a string, bytes or UUID object
ip_any_address = value is not a valid IPv4 or IPv6 address
ip_v4_address = Input is not a valid IPv4 address
ip_v6_address = Input is not a valid IPv6 address
union_tag_not_found = Unable to extract tag using discriminator { $discriminator }
union_tag_invalid = Input tag '{ $tag }' found using { $discriminator } does not match any of the expected tags: { $expected_tags }
json_invalid = JSON decode error
value_error = Value error, { $error }
