# Die Meldungen der Validierungsfehler von actix-api-error auf Deutsch.
# Siehe en.ftl: die ID ist der `type` des Fehlers, die Variablen sein `ctx`.

list-or = oder

missing = Feld erforderlich
int_parsing = Die Eingabe muss eine gültige Ganzzahl sein; die Zeichenkette lässt sich nicht als Ganzzahl lesen
int_parsing_size = Die Eingabe lässt sich nicht als Ganzzahl lesen; sie überschreitet die maximale Größe
int_from_float = Die Eingabe muss eine gültige Ganzzahl sein; die Zahl hat Nachkommastellen
int_type = Die Eingabe muss eine gültige Ganzzahl sein
finite_number = Die Eingabe muss eine endliche Zahl sein
float_parsing = Die Eingabe muss eine gültige Zahl sein; die Zeichenkette lässt sich nicht als Zahl lesen
float_type = Die Eingabe muss eine gültige Zahl sein
bool_parsing = Die Eingabe muss ein gültiger Wahrheitswert sein; sie lässt sich nicht deuten
bool_type = Die Eingabe muss ein gültiger Wahrheitswert sein
string_type = Die Eingabe muss eine gültige Zeichenkette sein
model_attributes_type = Die Eingabe muss ein gültiges Wörterbuch oder Objekt sein, aus dem sich Felder lesen lassen
dict_type = Die Eingabe muss ein gültiges Wörterbuch sein
list_type = Die Eingabe muss eine gültige Liste sein
tuple_type = Die Eingabe muss ein gültiges Tupel sein
none_required = Die Eingabe muss None sein
extra_forbidden = Zusätzliche Eingaben sind nicht erlaubt
enum = Die Eingabe muss { $expected } sein
greater_than = Die Eingabe muss größer als { $gt } sein
greater_than_equal = Die Eingabe muss größer als oder gleich { $ge } sein
less_than = Die Eingabe muss kleiner als { $lt } sein
less_than_equal = Die Eingabe muss kleiner als oder gleich { $le } sein
string_too_short = Die Zeichenkette muss mindestens { $min_length } { $min_length ->
        [one] Zeichen
       *[other] Zeichen
    } lang sein
string_too_long = Die Zeichenkette darf höchstens { $max_length } { $max_length ->
        [one] Zeichen
       *[other] Zeichen
    } lang sein
too_short = { $field_type ->
        [List] Die Liste
        [Tuple] Das Tupel
       *[other] { $field_type }
    } muss nach der Validierung mindestens { $min_length } { $min_length ->
        [one] Element
       *[other] Elemente
    } haben, nicht { $actual_length }
too_long = { $field_type ->
        [List] Die Liste
        [Tuple] Das Tupel
       *[other] { $field_type }
    } darf nach der Validierung höchstens { $max_length } { $max_length ->
        [one] Element
       *[other] Elemente
    } haben, nicht { $actual_length }
string_pattern_mismatch = Die Zeichenkette muss dem Muster '{ $pattern }' entsprechen
    .plain = Die Zeichenkette muss dem verlangten Muster entsprechen
url_parsing = Die Eingabe muss eine gültige URL sein, { $error }
    .plain = Die Eingabe muss eine gültige URL sein
uuid_parsing = Die Eingabe muss eine gültige UUID sein, { $error }
uuid_type = Eine UUID muss als Zeichenkette, Bytes oder UUID-Objekt angegeben werden
ip_any_address = Der Wert ist keine gültige IPv4- oder IPv6-Adresse
ip_v4_address = Die Eingabe ist keine gültige IPv4-Adresse
ip_v6_address = Die Eingabe ist keine gültige IPv6-Adresse
union_tag_not_found = Mit dem Diskriminator { $discriminator } lässt sich kein Tag lesen
union_tag_invalid = Das mit { $discriminator } gefundene Tag '{ $tag }' ist keines der erwarteten Tags: { $expected_tags }
json_invalid = Fehler beim Lesen des JSON
value_error = Ungültiger Wert, { $error }
