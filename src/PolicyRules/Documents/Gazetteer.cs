namespace PolicyRules.Documents;

/// <summary>
/// Curated place names for the Place entity: countries, US states, Canadian provinces, Australian
/// states, UK nations, common legal jurisdictions (federal districts, counties, cities named in
/// venue clauses) and regions. Each line: "[the] Name[=Canonical]"; a leading "the" means the
/// article belongs to the name in running text ("the Netherlands"), so it is included in the span.
/// </summary>
internal static class Gazetteer
{
    internal static readonly string[] UsStates =
    [
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia",
        "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
        "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
        "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina",
        "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
    ];

    internal static readonly string[] Entries =
    [
        // countries (short and formal names)
        "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan",
        "the Bahamas=Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin", "Bhutan", "Bolivia",
        "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei", "Bulgaria", "Burkina Faso", "Burundi", "Cambodia", "Cameroon", "Canada",
        "Cape Verde", "the Central African Republic=Central African Republic", "Chile", "China", "Colombia", "Comoros",
        "Costa Rica", "Croatia", "Cuba", "Cyprus", "the Czech Republic=Czech Republic", "Czechia", "Denmark", "Djibouti",
        "the Dominican Republic=Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland", "France",
        "Gabon", "the Gambia=Gambia", "Germany", "Ghana", "Greece", "Guatemala", "Guinea", "Guyana", "Haiti", "Honduras", "Hungary",
        "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "the Republic of Ireland=Ireland", "Israel", "Italy", "Jamaica", "Japan", "Jordan",
        "Kazakhstan", "Kenya", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein",
        "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia", "the Maldives=Maldives", "Mali", "Malta", "Mauritania", "Mauritius", "Mexico",
        "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nepal", "the Netherlands=Netherlands",
        "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea", "North Macedonia", "Norway", "Oman", "Pakistan", "Panama",
        "Papua New Guinea", "Paraguay", "Peru", "the Philippines=Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia",
        "the Russian Federation=Russia", "Rwanda", "Saudi Arabia", "Senegal", "Serbia", "Seychelles", "Sierra Leone", "Singapore",
        "Slovakia", "Slovenia", "Somalia", "South Africa", "South Korea", "the Republic of Korea=South Korea", "Korea=South Korea", "South Sudan", "Spain", "Sri Lanka",
        "Sudan", "Suriname", "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Togo", "Trinidad and Tobago",
        "Tunisia", "Turkey", "Türkiye=Turkey", "Turkmenistan", "Uganda", "Ukraine", "the United Arab Emirates=United Arab Emirates", "UAE=United Arab Emirates",
        "the United Kingdom=United Kingdom", "UK=United Kingdom", "U.K.=United Kingdom", "Great Britain=United Kingdom", "Britain=United Kingdom",
        "the United States=United States", "the United States of America=United States", "USA=United States", "U.S.=United States", "U.S.A.=United States",
        "Uruguay", "Uzbekistan", "Vatican City", "Venezuela", "Vietnam", "Viet Nam=Vietnam", "Yemen", "Zambia", "Zimbabwe",
        "the People's Republic of China=China", "PRC=China", "Mainland China=China", "the Hong Kong Special Administrative Region=Hong Kong",
        "Hong Kong", "Macau", "Macao=Macau", "Puerto Rico", "Guam", "the Cayman Islands=Cayman Islands", "the British Virgin Islands=British Virgin Islands",
        "Bermuda", "Jersey", "Guernsey", "the Isle of Man=Isle of Man", "Gibraltar",
        // UK nations and legal systems
        "England and Wales", "England", "Wales", "Scotland", "Northern Ireland",
        // regions
        "the European Union=European Union", "EU=European Union", "E.U.=European Union", "the European Economic Area=European Economic Area",
        "EEA=European Economic Area", "Europe", "the EEA=European Economic Area", "the EU=European Union",
        // Canada and Australia
        "Ontario", "Quebec", "Québec=Quebec", "British Columbia", "Alberta", "Manitoba", "Saskatchewan", "Nova Scotia", "New Brunswick",
        "Newfoundland and Labrador", "Prince Edward Island", "New South Wales", "Queensland", "Victoria", "Western Australia", "South Australia", "Tasmania",
        // cities and counties named in venue clauses
        "San Francisco", "San Francisco County", "the City and County of San Francisco=San Francisco County", "Santa Clara County", "San Mateo County",
        "Los Angeles County", "King County", "New Castle County", "New York County", "Travis County", "Santa Clara", "San Mateo", "Los Angeles", "San Jose",
        "Palo Alto", "Mountain View", "Menlo Park", "Redmond", "Seattle", "New York City", "Manhattan", "the Borough of Manhattan=Manhattan",
        "Wilmington", "Austin", "Boston", "Chicago", "Dublin", "London", "Paris", "Berlin", "Munich", "Amsterdam", "Zurich", "Geneva", "Stockholm",
        "Tel Aviv", "Toronto", "Vancouver", "Montreal", "Sydney", "Melbourne", "Tokyo", "Seoul", "Beijing", "Shanghai", "Shenzhen", "Hangzhou",
        "Guangzhou", "Bangalore", "Bengaluru", "Mumbai", "New Delhi", "Dubai", "Abu Dhabi", "Haidian District", "the Hague=The Hague",
        "the District of Columbia=District of Columbia", "Washington, D.C.=District of Columbia", "Washington D.C.=District of Columbia",
    ];
}
