import { wordList } from './word-list.ts';

// Faker's English name lists are mostly invented surnames; these read like a real UK or US prospect list.
export const PEOPLE: Record<'GB' | 'US', { first: string[]; last: string[] }> = {
  GB: {
    first: wordList(
      `Oliver George Harry Jack Jacob Charlie Thomas James William Daniel Samuel Joshua Ryan Liam Callum ` +
        `Ben Matthew Adam Mohammed Aaron Connor Rhys Stuart Craig Neil Paul Mark Andrew Steven Imran Amelia ` +
        `Olivia Emily Isla Sophie Jessica Charlotte Lucy Megan Chloe Laura Rachel Sarah Emma Gemma Kirsty ` +
        `Nicola Priya Aisha Zoe Fiona Claire Joanne Karen Siobhan Shanice`,
    ),
    last: wordList(
      `Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White ` +
        `Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis James Phillips Mason Mitchell Rose Hughes ` +
        `Edwards Turner Harris Ward Cooper Morgan Bailey Hussain Shah Campbell Stewart MacDonald Murray Reid ` +
        `Kaur Singh Begum Fletcher Barker Holmes Marshall Gill Lloyd Price Kelly Doyle Brennan Okafor Nowak ` +
        `O'Neill Ahmed`,
    ),
  },
  US: {
    first: wordList(
      `Michael Christopher Matthew Joshua David Daniel Andrew Ryan Brandon Tyler Kevin Jason Justin Eric ` +
        `Kyle Jose Luis Carlos Anthony Derek Travis Cody Brian DeShawn Jessica Ashley Jennifer Amanda Sarah ` +
        `Stephanie Nicole Heather Elizabeth Megan Lauren Rachel Brittany Danielle Maria Ana Keisha Tiffany ` +
        `Courtney Erin Kayla Mei Aaliyah Rosa`,
    ),
    last: wordList(
      `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez ` +
        `Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark ` +
        `Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams ` +
        `Nelson Baker Rivera Carter Kowalski Schultz O'Brien Murphy Sullivan Patel Washington Brooks Foster ` +
        `Chen Kim`,
    ),
  },
};

// Numbers set aside for fiction (Ofcom's drama ranges, the US 555-01xx block), so nobody real gets a demo call.
export const UK_FICTIONAL_PREFIXES = [
  '7700 900',
  '7700 900',
  '7700 900',
  '113 496 0',
  '161 496 0',
  '121 496 0',
  '117 496 0',
  '20 7946 0',
];
export const US_AREA_CODES = ['973', '404', '704', '215', '617', '904', '312', '214', '901', '816', '317', '612'];

/** Personal mailboxes, which some leads sign up with instead of a work address. */
export const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com'];
