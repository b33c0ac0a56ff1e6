/** The input of a list that takes nothing but a page (the inbox): how many, after which cursor. */
export class PageCommand {
  first?: number;
  after?: string;

  static from(request: { page?: { first: number; after: string } }): PageCommand {
    return Object.assign(new PageCommand(), { first: request.page?.first || undefined, after: request.page?.after || undefined });
  }
}
