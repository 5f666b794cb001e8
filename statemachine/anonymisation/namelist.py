"""Danish personal names as data: common first names and surnames, for the name recogniser.

Drawn from the names most borne in Denmark (Danmarks Statistik's name lists), with common
foreign-born names. No small, well-kept PyPI package serves this: the Danish recognisers there
(DaCy, daanonymization) need a transformer model downloaded at run time, and the name
datasets are large and mostly foreign. A name missing here is still found when the text gives it
as a first name followed by a surname, or after a title ("advokat", "fru"); and the case's own
parties are always found from their records, whatever their names.
"""

from __future__ import annotations

from typing import Final

_FIRST = """
Aage Abdi Abdullah Adam Adrian Agnes Ahmad Ahmed Aksel Albert Alberte Alexander Alexandra Ali
Alice Allan Alma Alvin Amalie Amanda Amina Anders Andreas Anette Anita Ann Anna Anne Annette
Annie Anton Arne Arnold Asger Asta Astrid August Axel Bashir Bastian Benedikte Benjamin Bent
Benny Berit Bettina Birgit Birgitte Birthe Bjarne Bjørn Bo Bodil Brian Britt Brian Bruno Camilla
Carina Carl Carla Carlo Caroline Casper Cecilie Charlotte Christian Christina Christine
Christoffer Claus Clara Connie Conny Dan Daniel David Dennis Ditte Dorte Dorthe Ebbe Edith Egon
Ejner Elias Elin Elisabeth Ella Ellen Elly Elna Elsa Else Emil Emilie Emily Emma Erik Erling
Ester Esther Eva Evald Fatima Felix Filip Finn Flemming Frank Frederik Frederikke Freja Frida
Gerda Gert Gitte Grete Grethe Gunnar Gustav Hanna Hanne Hans Harald Hassan Heidi Helena Helene
Helga Helle Hellen Henning Henrik Herbert Holger Hussein Ib Ibrahim Ida Inga Inge Inger Ingrid
Irene Isabella Iben Jacob Jakob Jan Jane Janni Jannik Jannie Jens Jeppe Jesper Jette Jimmy Joachim
Johan Johanne Johannes John Johnny Jonas Jonathan Josefine Julie Julius Jytte Jørgen Jørn Kaj
Kamilla Karen Karin Karina Karl Karsten Kasper Katrine Keld Kenneth Kenn Kent Kim Kirsten Kirstine
Kjeld Klaus Knud Kristian Kristina Kristine Lars Laura Lauritz Leif Lena Lene Leo Liam Lilly Lina
Line Linda Linnea Lis Lisa Lisbeth Lise Liselotte Lone Lotte Louise Lucas Lukas Maja Malene
Malthe Mads Magnus Maiken Marcus Margit Margrethe Maria Marianne Marie Mark Markus Martha Martin
Mathias Mathilde Max Maya Merete Mette Michael Michelle Mie Mikael Mikkel Mille Mogens Mohamad
Mohamed Mohammad Mohammed Mona Morten Nadia Nanna Natasha Nicklas Niclas Nicolai Nicolaj Niels
Nikolaj Nina Noah Ole Olivia Oliver Orla Oscar Oskar Otto Palle Patrick Paul Peder Per Pernille
Peter Philip Pia Poul Preben Rasmus Rebecca Rikke Rita Robert Ronni Rune Ruth Sabrina Sandra Sanne
Sara Sarah Sebastian Signe Silas Simon Sisse Sofie Sofia Solveig Sonja Steen Sten Stefan Steffen
Stig Susanne Svend Sven Søren Tage Tanja Thea Theis Thomas Thor Thorkild Tina Tine Tobias Tom
Tommy Tonny Torben Tove Trine Troels Ulla Ulrik Ursula Valdemar Vagn Verner Vibeke Victor
Viggo Viktor Villads Villy Vivi William Winnie Yasmin Yvonne Zainab Zeynep Åse
"""

_SURNAMES = """
Abdi Ahmed Ali Andersen Andreasen Bach Bak Bang Berg Bertelsen Bech Bisgaard Bjerre Blom Boesen
Brandt Brink Bruun Buch Byskov Carlsen Christensen Christiansen Clausen Dahl Dalgaard Dam
Damgaard Davidsen Enevoldsen Eriksen Esbensen Frandsen Frederiksen Friis Frost Gade Gregersen
Gravesen Grønbæk Gundersen Hald Hansen Harder Hedegaard Hein Helmer Hemmingsen Henningsen
Henriksen Hermansen Hjorth Holm Holst Hougaard Husted Iversen Jacobsen Jakobsen Jensen Jepsen
Jespersen Johannsen Johansen Johnsen Juhl Jul Justesen Jørgensen Kjeldsen Kjær Kjærgaard Klausen
Knudsen Koch Kofoed Korsgaard Kristensen Kristiansen Krog Krogh Kruse Lange Larsen Lassen Laursen
Lauridsen Lauritsen Lind Lindberg Lorentzen Lund Lundgaard Lyng Madsen Magnussen Mathiesen
Mikkelsen Munch Munk Møller Mortensen Nedergaard Nielsen Nissen Nygaard Olesen Olsen Overgaard
Paulsen Pedersen Petersen Pallesen Poulsen Povlsen Rasmussen Ravn Riis Rosenberg Rytter Schmidt
Schou Schultz Simonsen Skov Steffensen Svendsen Sørensen Søndergaard Terkelsen Thomsen Thorsen
Toft Troelsen Vestergaard Villadsen Vinther Winther Østergaard
"""

FIRST_NAMES: Final = frozenset(_FIRST.split())
"""First names, as written (capitalised)."""

SURNAMES: Final = frozenset(_SURNAMES.split())
"""Surnames, as written (capitalised)."""

_COMMON = """Hans Per Bo Tage Karl Gade Holm Skov Lund Dam Berg Bak Bang Lange Toft Frost Krog Lind
    Lyng Ravn Jul Brink Blom Munk Hald Gert Kim Mark Max Otto Tom Ruth Ester Else Mona Rita
    Ellen Vagn Sten"""

COMMON_WORDS: Final = frozenset(_COMMON.split())
"""Names that are also Danish words (the pronoun "hans", "per", "bo", "tage", "gade", "holm",
"skov" ...): alone at the start of a sentence they are read as the word, not as a name."""
