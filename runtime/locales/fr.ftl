# Les messages des erreurs de validation d'actix-api-error, en français.
# Voir en.ftl : l'identifiant est le `type` de l'erreur, les variables son `ctx`.

list-or = ou

missing = Champ obligatoire
int_parsing = L'entrée doit être un entier valide ; la chaîne ne peut pas être lue comme un entier
int_parsing_size = L'entrée ne peut pas être lue comme un entier ; elle dépasse la taille maximale
int_from_float = L'entrée doit être un entier valide ; le nombre a une partie décimale
int_type = L'entrée doit être un entier valide
finite_number = L'entrée doit être un nombre fini
float_parsing = L'entrée doit être un nombre valide ; la chaîne ne peut pas être lue comme un nombre
float_type = L'entrée doit être un nombre valide
bool_parsing = L'entrée doit être un booléen valide ; elle ne peut pas être interprétée
bool_type = L'entrée doit être un booléen valide
string_type = L'entrée doit être une chaîne valide
model_attributes_type = L'entrée doit être un dictionnaire ou un objet valide dont on peut extraire des champs
dict_type = L'entrée doit être un dictionnaire valide
list_type = L'entrée doit être une liste valide
tuple_type = L'entrée doit être un tuple valide
none_required = L'entrée doit être None
extra_forbidden = Les entrées supplémentaires ne sont pas autorisées
enum = L'entrée doit être { $expected }
greater_than = L'entrée doit être supérieure à { $gt }
greater_than_equal = L'entrée doit être supérieure ou égale à { $ge }
less_than = L'entrée doit être inférieure à { $lt }
less_than_equal = L'entrée doit être inférieure ou égale à { $le }
string_too_short = La chaîne doit avoir au moins { $min_length } { $min_length ->
        [one] caractère
       *[other] caractères
    }
string_too_long = La chaîne doit avoir au plus { $max_length } { $max_length ->
        [one] caractère
       *[other] caractères
    }
too_short = { $field_type ->
        [List] La liste
        [Tuple] Le tuple
       *[other] { $field_type }
    } doit avoir au moins { $min_length } { $min_length ->
        [one] élément
       *[other] éléments
    } après validation, et non { $actual_length }
too_long = { $field_type ->
        [List] La liste
        [Tuple] Le tuple
       *[other] { $field_type }
    } doit avoir au plus { $max_length } { $max_length ->
        [one] élément
       *[other] éléments
    } après validation, et non { $actual_length }
string_pattern_mismatch = La chaîne doit correspondre au motif '{ $pattern }'
    .plain = La chaîne doit correspondre au motif requis
url_parsing = L'entrée doit être une URL valide, { $error }
    .plain = L'entrée doit être une URL valide
uuid_parsing = L'entrée doit être un UUID valide, { $error }
uuid_type = Un UUID doit être donné comme chaîne, octets ou objet UUID
ip_any_address = La valeur n'est pas une adresse IPv4 ou IPv6 valide
ip_v4_address = L'entrée n'est pas une adresse IPv4 valide
ip_v6_address = L'entrée n'est pas une adresse IPv6 valide
union_tag_not_found = Impossible d'extraire l'étiquette avec le discriminant { $discriminator }
union_tag_invalid = L'étiquette '{ $tag }' trouvée avec { $discriminator } ne correspond à aucune des étiquettes attendues : { $expected_tags }
json_invalid = Erreur de décodage JSON
value_error = Erreur de valeur, { $error }
