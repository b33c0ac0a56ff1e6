import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Country', { description: 'A state or territory in which CPX operates. Data, not an enum: more states join.' })
export class CountryObject {
  @Field({ description: 'ISO 3166-1 alpha-2, e.g. "XK".' })
  code!: string;

  @Field({ description: 'The English short name, e.g. "Kosovo".' })
  name!: string;

  @Field(() => [String], { description: 'The languages its professionals work in, as BCP 47 tags.' })
  languages!: string[];
}
