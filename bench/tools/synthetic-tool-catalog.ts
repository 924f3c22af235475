/**
 * A deterministic catalog of realistic tools, as an OpenAPI upstream would expose them: a dozen services
 * (CRM, orders, billing, support, code hosting, calendar…), each with resources and the usual operations
 * (list with filters and paging, get, create, update, delete, plus a few actions), described the way real
 * OpenAPI documents describe them. No randomness: the same catalog every run, so token counts are comparable.
 */
import type { ToolDefinition } from '../../src/server/tools/index.js';

interface Field {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean';
  readonly description: string;
  readonly enum?: readonly string[];
}

interface Resource {
  readonly singular: string;
  readonly plural: string;
  readonly about: string;
  readonly fields: readonly Field[];
  readonly filters: readonly Field[];
  /** Extra verbs on one item: `cancel`, `refund`, `merge`… */
  readonly actions: readonly { verb: string; description: string; fields?: readonly Field[] }[];
}

interface Service {
  readonly name: string;
  readonly resources: readonly Resource[];
}

const text = (name: string, description: string): Field => ({ name, type: 'string', description });
const int = (name: string, description: string): Field => ({ name, type: 'integer', description });
const choice = (name: string, description: string, values: readonly string[]): Field => ({
  name,
  type: 'string',
  description,
  enum: values,
});
const dateRange = [
  text('created_after', 'Only items created at or after this time (ISO 8601).'),
  text('created_before', 'Only items created before this time (ISO 8601).'),
];

const services: readonly Service[] = [
  {
    name: 'crm',
    resources: [
      {
        singular: 'contact',
        plural: 'contacts',
        about: 'a person at a customer or prospect company',
        fields: [
          text('email', 'Primary email address.'),
          text('full_name', 'First and last name.'),
          text('phone', 'Phone number in E.164 format.'),
          text('company_id', 'The company this contact works for.'),
        ],
        filters: [text('email', 'Exact email address.'), text('company_id', 'Contacts of this company.'), ...dateRange],
        actions: [
          {
            verb: 'merge',
            description: 'Merges a duplicate contact into this one, keeping its activity history.',
            fields: [text('duplicate_id', 'The contact to merge into this one.')],
          },
        ],
      },
      {
        singular: 'company',
        plural: 'companies',
        about: 'a customer or prospect organisation',
        fields: [
          text('name', 'Legal or trading name.'),
          text('domain', 'Web domain, used to match contacts.'),
          choice('tier', 'Account tier.', ['free', 'pro', 'enterprise']),
        ],
        filters: [
          text('domain', 'Exact web domain.'),
          choice('tier', 'Only this tier.', ['free', 'pro', 'enterprise']),
        ],
        actions: [],
      },
      {
        singular: 'deal',
        plural: 'deals',
        about: 'a sales opportunity moving through the pipeline',
        fields: [
          text('title', 'Short name of the opportunity.'),
          { name: 'amount', type: 'number', description: 'Expected value in the deal currency.' },
          choice('stage', 'Pipeline stage.', ['lead', 'qualified', 'proposal', 'won', 'lost']),
          text('owner_id', 'The sales rep who owns the deal.'),
        ],
        filters: [
          choice('stage', 'Only deals in this stage.', ['lead', 'qualified', 'proposal', 'won', 'lost']),
          text('owner_id', 'Only deals of this sales rep.'),
          ...dateRange,
        ],
        actions: [
          {
            verb: 'close',
            description: 'Marks the deal won or lost and records the reason.',
            fields: [choice('outcome', 'Won or lost.', ['won', 'lost']), text('reason', 'Why it was won or lost.')],
          },
        ],
      },
      {
        singular: 'note',
        plural: 'notes',
        about: 'a free-text note attached to a contact, company or deal',
        fields: [
          text('body', 'The note, in Markdown.'),
          text('subject_id', 'The contact, company or deal it is about.'),
        ],
        filters: [text('subject_id', 'Notes about this contact, company or deal.')],
        actions: [],
      },
    ],
  },
  {
    name: 'orders',
    resources: [
      {
        singular: 'order',
        plural: 'orders',
        about: 'a customer order with its items, totals and fulfilment status',
        fields: [
          text('customer_id', 'The customer who placed the order.'),
          choice('status', 'Fulfilment status.', ['pending', 'paid', 'shipped', 'delivered', 'cancelled']),
          text('currency', 'ISO 4217 currency code.'),
        ],
        filters: [
          text('customer_id', 'Orders of this customer.'),
          choice('status', 'Only orders in this status.', ['pending', 'paid', 'shipped', 'delivered', 'cancelled']),
          ...dateRange,
        ],
        actions: [
          {
            verb: 'cancel',
            description: 'Cancels an order that has not shipped yet and releases its reserved stock.',
            fields: [text('reason', 'Why the order is cancelled.')],
          },
          {
            verb: 'return',
            description: 'Opens a return for delivered items; the refund follows when they arrive.',
            fields: [
              text('item_ids', 'Comma-separated ids of the items returned.'),
              text('reason', 'Why they are returned.'),
            ],
          },
          {
            verb: 'exchange',
            description: 'Exchanges delivered items for other variants of the same product.',
            fields: [text('item_ids', 'Items to exchange.'), text('new_variant_ids', 'The variants sent instead.')],
          },
        ],
      },
      {
        singular: 'shipment',
        plural: 'shipments',
        about: 'a parcel sent for an order, with its carrier and tracking number',
        fields: [
          text('order_id', 'The order shipped.'),
          text('carrier', 'Carrier name.'),
          text('tracking_number', 'The carrier tracking number.'),
        ],
        filters: [text('order_id', 'Shipments of this order.'), text('carrier', 'Only this carrier.')],
        actions: [{ verb: 'track', description: 'Gets the latest tracking events of the shipment from its carrier.' }],
      },
      {
        singular: 'product',
        plural: 'products',
        about: 'an item in the catalogue, with its variants, price and stock',
        fields: [
          text('title', 'Product title.'),
          text('sku', 'Stock keeping unit.'),
          { name: 'price', type: 'number', description: 'Unit price.' },
          int('stock', 'Units in stock.'),
        ],
        filters: [
          text('query', 'Words in the title or description.'),
          text('sku', 'Exact SKU.'),
          { name: 'in_stock', type: 'boolean', description: 'Only products in stock.' },
        ],
        actions: [],
      },
      {
        singular: 'address',
        plural: 'addresses',
        about: 'a shipping or billing address of a customer',
        fields: [
          text('customer_id', 'Whose address it is.'),
          text('line1', 'Street and number.'),
          text('city', 'City.'),
          text('postal_code', 'Postal code.'),
          text('country', 'ISO 3166 country code.'),
        ],
        filters: [text('customer_id', 'Addresses of this customer.')],
        actions: [],
      },
    ],
  },
  {
    name: 'billing',
    resources: [
      {
        singular: 'invoice',
        plural: 'invoices',
        about: 'a bill sent to a customer, with its lines, taxes and payment status',
        fields: [
          text('customer_id', 'The customer billed.'),
          choice('status', 'Payment status.', ['draft', 'open', 'paid', 'void']),
          text('due_date', 'When payment is due (ISO 8601 date).'),
        ],
        filters: [
          text('customer_id', 'Invoices of this customer.'),
          choice('status', 'Only this status.', ['draft', 'open', 'paid', 'void']),
          ...dateRange,
        ],
        actions: [
          { verb: 'send', description: 'Emails the invoice to the customer billing contact.' },
          { verb: 'void', description: 'Voids an open invoice; it can no longer be paid.' },
        ],
      },
      {
        singular: 'payment',
        plural: 'payments',
        about: 'money received from a customer by card, transfer or wallet',
        fields: [
          { name: 'amount', type: 'number', description: 'Amount paid.' },
          text('currency', 'ISO 4217 currency code.'),
          text('invoice_id', 'The invoice it pays.'),
        ],
        filters: [text('invoice_id', 'Payments of this invoice.'), ...dateRange],
        actions: [
          {
            verb: 'refund',
            description: 'Refunds a payment in full or in part to the original payment method.',
            fields: [
              { name: 'amount', type: 'number', description: 'Amount to refund; the whole payment when absent.' },
              text('reason', 'Why the payment is refunded.'),
            ],
          },
        ],
      },
      {
        singular: 'subscription',
        plural: 'subscriptions',
        about: 'a recurring plan a customer pays for',
        fields: [
          text('customer_id', 'The subscriber.'),
          text('plan_id', 'The plan subscribed to.'),
          int('quantity', 'Seats or units.'),
        ],
        filters: [
          text('customer_id', 'Subscriptions of this customer.'),
          text('plan_id', 'Subscriptions to this plan.'),
        ],
        actions: [
          { verb: 'pause', description: 'Pauses billing of the subscription until it is resumed.' },
          { verb: 'resume', description: 'Resumes billing of a paused subscription.' },
        ],
      },
      {
        singular: 'coupon',
        plural: 'coupons',
        about: 'a discount code applied to invoices or subscriptions',
        fields: [
          text('code', 'The code customers type.'),
          int('percent_off', 'Discount in percent.'),
          text('expires_at', 'When it stops working (ISO 8601).'),
        ],
        filters: [text('code', 'Exact code.')],
        actions: [],
      },
    ],
  },
  {
    name: 'support',
    resources: [
      {
        singular: 'ticket',
        plural: 'tickets',
        about: 'a customer support request with its conversation',
        fields: [
          text('subject', 'One-line summary.'),
          text('requester_email', 'Who asked.'),
          choice('priority', 'Urgency.', ['low', 'normal', 'high', 'urgent']),
          choice('status', 'Where it stands.', ['new', 'open', 'pending', 'solved', 'closed']),
        ],
        filters: [
          choice('status', 'Only this status.', ['new', 'open', 'pending', 'solved', 'closed']),
          text('assignee_id', 'Tickets assigned to this agent.'),
          text('requester_email', 'Tickets of this requester.'),
          ...dateRange,
        ],
        actions: [
          {
            verb: 'assign',
            description: 'Assigns the ticket to an agent or a group.',
            fields: [text('assignee_id', 'The agent or group.')],
          },
          {
            verb: 'reply',
            description: 'Adds a public reply (emailed to the requester) or an internal note.',
            fields: [
              text('body', 'The message.'),
              { name: 'internal', type: 'boolean', description: 'An internal note, not sent to the requester.' },
            ],
          },
          {
            verb: 'escalate',
            description: 'Escalates the ticket to the next support tier with a reason.',
            fields: [text('reason', 'Why it is escalated.')],
          },
        ],
      },
      {
        singular: 'macro',
        plural: 'macros',
        about: 'a saved reply and set of ticket changes agents apply in one click',
        fields: [text('title', 'Macro name.'), text('body', 'Reply text.')],
        filters: [text('query', 'Words in the title.')],
        actions: [],
      },
      {
        singular: 'article',
        plural: 'articles',
        about: 'a help-centre article',
        fields: [
          text('title', 'Article title.'),
          text('body', 'Article body in Markdown.'),
          text('section_id', 'The section it belongs to.'),
        ],
        filters: [text('query', 'Words in the title or body.'), text('section_id', 'Articles of this section.')],
        actions: [{ verb: 'publish', description: 'Publishes a draft article to the help centre.' }],
      },
    ],
  },
  {
    name: 'code',
    resources: [
      {
        singular: 'repository',
        plural: 'repositories',
        about: 'a git repository with its settings',
        fields: [
          text('name', 'Repository name.'),
          choice('visibility', 'Who can see it.', ['public', 'private', 'internal']),
          text('default_branch', 'The default branch.'),
        ],
        filters: [
          text('owner', 'Repositories of this user or organisation.'),
          choice('visibility', 'Only this visibility.', ['public', 'private', 'internal']),
        ],
        actions: [
          { verb: 'archive', description: 'Archives the repository: read-only, hidden from default listings.' },
        ],
      },
      {
        singular: 'issue',
        plural: 'issues',
        about: 'a bug report or feature request in a repository',
        fields: [
          text('repository', 'owner/name.'),
          text('title', 'Issue title.'),
          text('body', 'Issue description in Markdown.'),
          text('labels', 'Comma-separated labels.'),
        ],
        filters: [
          text('repository', 'owner/name.'),
          choice('state', 'Open or closed.', ['open', 'closed', 'all']),
          text('labels', 'Issues with all these labels.'),
          text('assignee', 'Issues assigned to this user.'),
        ],
        actions: [
          {
            verb: 'comment',
            description: 'Adds a comment to the issue.',
            fields: [text('body', 'The comment in Markdown.')],
          },
        ],
      },
      {
        singular: 'pull_request',
        plural: 'pull_requests',
        about: 'a proposed change from one branch into another, with its review',
        fields: [
          text('repository', 'owner/name.'),
          text('title', 'Title.'),
          text('head', 'The branch with the changes.'),
          text('base', 'The branch to merge into.'),
        ],
        filters: [
          text('repository', 'owner/name.'),
          choice('state', 'Open, closed or merged.', ['open', 'closed', 'merged', 'all']),
          text('author', 'Pull requests by this user.'),
        ],
        actions: [
          {
            verb: 'merge',
            description: 'Merges the pull request when its checks pass.',
            fields: [choice('method', 'Merge method.', ['merge', 'squash', 'rebase'])],
          },
          {
            verb: 'review',
            description: 'Submits a review: approve, request changes or comment.',
            fields: [
              choice('event', 'The review verdict.', ['approve', 'request_changes', 'comment']),
              text('body', 'Review summary.'),
            ],
          },
        ],
      },
      {
        singular: 'workflow_run',
        plural: 'workflow_runs',
        about: 'one run of a CI workflow, with its jobs and logs',
        fields: [
          text('repository', 'owner/name.'),
          text('workflow', 'Workflow file name.'),
          text('ref', 'Branch or tag to run on.'),
        ],
        filters: [
          text('repository', 'owner/name.'),
          choice('status', 'Run status.', ['queued', 'in_progress', 'success', 'failure']),
        ],
        actions: [{ verb: 'rerun', description: 'Re-runs the failed jobs of a workflow run.' }],
      },
    ],
  },
  {
    name: 'calendar',
    resources: [
      {
        singular: 'event',
        plural: 'events',
        about: 'a meeting or appointment in a calendar',
        fields: [
          text('title', 'Event title.'),
          text('start', 'Start time (ISO 8601).'),
          text('end', 'End time (ISO 8601).'),
          text('attendees', 'Comma-separated attendee emails.'),
        ],
        filters: [
          text('calendar_id', 'Events of this calendar.'),
          text('from', 'Events ending after this time.'),
          text('to', 'Events starting before this time.'),
        ],
        actions: [
          {
            verb: 'respond',
            description: 'Accepts, declines or tentatively accepts an invitation.',
            fields: [choice('response', 'The answer.', ['accepted', 'declined', 'tentative'])],
          },
        ],
      },
      {
        singular: 'calendar',
        plural: 'calendars',
        about: 'a calendar of a person, room or team',
        fields: [text('name', 'Calendar name.'), text('time_zone', 'IANA time zone.')],
        filters: [],
        actions: [
          {
            verb: 'free_busy',
            description: 'Finds the busy intervals of one or more calendars in a time range.',
            fields: [text('from', 'Range start (ISO 8601).'), text('to', 'Range end (ISO 8601).')],
          },
        ],
      },
    ],
  },
  {
    name: 'files',
    resources: [
      {
        singular: 'file',
        plural: 'files',
        about: 'a document stored in the shared drive',
        fields: [
          text('path', 'Path in the drive.'),
          text('content', 'File content (text).'),
          text('mime_type', 'MIME type.'),
        ],
        filters: [
          text('folder', 'Files in this folder.'),
          text('query', 'Words in the name or content.'),
          text('modified_after', 'Modified at or after this time.'),
        ],
        actions: [
          {
            verb: 'share',
            description: 'Shares the file with people or groups at a permission level.',
            fields: [
              text('emails', 'Comma-separated emails.'),
              choice('role', 'Permission.', ['reader', 'commenter', 'writer']),
            ],
          },
          {
            verb: 'move',
            description: 'Moves the file to another folder.',
            fields: [text('folder', 'Destination folder.')],
          },
        ],
      },
      {
        singular: 'folder',
        plural: 'folders',
        about: 'a folder in the shared drive',
        fields: [text('path', 'Folder path.')],
        filters: [text('parent', 'Folders inside this one.')],
        actions: [],
      },
    ],
  },
  {
    name: 'hr',
    resources: [
      {
        singular: 'employee',
        plural: 'employees',
        about: 'a person employed by the company, with their role and manager',
        fields: [
          text('full_name', 'Name.'),
          text('email', 'Work email.'),
          text('department', 'Department.'),
          text('manager_id', 'Their manager.'),
        ],
        filters: [
          text('department', 'Employees of this department.'),
          text('manager_id', 'Direct reports of this manager.'),
        ],
        actions: [],
      },
      {
        singular: 'time_off_request',
        plural: 'time_off_requests',
        about: 'a request for holiday, sick leave or other absence',
        fields: [
          text('employee_id', 'Who is away.'),
          text('start_date', 'First day (ISO 8601 date).'),
          text('end_date', 'Last day (ISO 8601 date).'),
          choice('kind', 'Type of leave.', ['vacation', 'sick', 'parental', 'unpaid']),
        ],
        filters: [
          text('employee_id', 'Requests of this employee.'),
          choice('status', 'Decision.', ['pending', 'approved', 'denied']),
        ],
        actions: [{ verb: 'approve', description: 'Approves a pending time-off request as the manager.' }],
      },
    ],
  },
  {
    name: 'analytics',
    resources: [
      {
        singular: 'report',
        plural: 'reports',
        about: 'a saved analytics report with its query and chart',
        fields: [text('title', 'Report title.'), text('query', 'The SQL or metric query.')],
        filters: [text('query', 'Words in the title.'), text('owner_id', 'Reports of this user.')],
        actions: [
          {
            verb: 'run',
            description: 'Runs the report now and returns its rows.',
            fields: [text('from', 'Range start.'), text('to', 'Range end.')],
          },
        ],
      },
      {
        singular: 'dashboard',
        plural: 'dashboards',
        about: 'a page of reports shown together',
        fields: [text('title', 'Dashboard title.'), text('report_ids', 'Comma-separated reports on it.')],
        filters: [text('query', 'Words in the title.')],
        actions: [],
      },
    ],
  },
  {
    name: 'inventory',
    resources: [
      {
        singular: 'warehouse',
        plural: 'warehouses',
        about: 'a storage location stock is kept and shipped from',
        fields: [text('name', 'Warehouse name.'), text('country', 'ISO 3166 country code.')],
        filters: [text('country', 'Warehouses in this country.')],
        actions: [],
      },
      {
        singular: 'stock_level',
        plural: 'stock_levels',
        about: 'units of a product available in a warehouse',
        fields: [
          text('product_id', 'The product.'),
          text('warehouse_id', 'The warehouse.'),
          int('quantity', 'Units available.'),
        ],
        filters: [
          text('product_id', 'Levels of this product.'),
          text('warehouse_id', 'Levels in this warehouse.'),
          int('below', 'Only levels below this quantity.'),
        ],
        actions: [
          {
            verb: 'adjust',
            description: 'Adjusts the stock level after a count, a loss or a delivery.',
            fields: [int('delta', 'Units added (positive) or removed (negative).'), text('reason', 'Why.')],
          },
        ],
      },
      {
        singular: 'purchase_order',
        plural: 'purchase_orders',
        about: 'an order placed with a supplier to restock products',
        fields: [text('supplier_id', 'The supplier.'), text('lines', 'JSON array of product ids and quantities.')],
        filters: [
          text('supplier_id', 'Orders placed with this supplier.'),
          choice('status', 'Status.', ['draft', 'sent', 'received']),
        ],
        actions: [{ verb: 'receive', description: 'Marks the purchase order received and adds its units to stock.' }],
      },
    ],
  },
  {
    name: 'messaging',
    resources: [
      {
        singular: 'channel',
        plural: 'channels',
        about: 'a team chat channel',
        fields: [
          text('name', 'Channel name.'),
          text('topic', 'Channel topic.'),
          { name: 'private', type: 'boolean', description: 'Invite-only.' },
        ],
        filters: [text('query', 'Words in the name or topic.')],
        actions: [
          {
            verb: 'invite',
            description: 'Invites people to the channel.',
            fields: [text('user_ids', 'Comma-separated user ids.')],
          },
        ],
      },
      {
        singular: 'message',
        plural: 'messages',
        about: 'a chat message in a channel or a direct conversation',
        fields: [
          text('channel_id', 'Where it is posted.'),
          text('text', 'Message text (Markdown).'),
          text('thread_id', 'Reply in this thread.'),
        ],
        filters: [
          text('channel_id', 'Messages of this channel.'),
          text('query', 'Words in the message.'),
          text('from', 'Sent after this time.'),
        ],
        actions: [
          {
            verb: 'react',
            description: 'Adds an emoji reaction to the message.',
            fields: [text('emoji', 'Emoji name.')],
          },
        ],
      },
    ],
  },
  {
    name: 'marketing',
    resources: [
      {
        singular: 'campaign',
        plural: 'campaigns',
        about: 'an email campaign sent to a segment of contacts',
        fields: [
          text('name', 'Campaign name.'),
          text('subject', 'Email subject.'),
          text('segment_id', 'Who receives it.'),
          text('send_at', 'When to send (ISO 8601).'),
        ],
        filters: [choice('status', 'Status.', ['draft', 'scheduled', 'sent'])],
        actions: [
          {
            verb: 'schedule',
            description: 'Schedules the campaign to be sent at a time.',
            fields: [text('send_at', 'When to send (ISO 8601).')],
          },
        ],
      },
      {
        singular: 'segment',
        plural: 'segments',
        about: 'a saved filter over contacts that campaigns target',
        fields: [text('name', 'Segment name.'), text('rule', 'The filter rule.')],
        filters: [],
        actions: [],
      },
    ],
  },
];

const schemaOf = (fields: readonly Field[], required: readonly string[]): Record<string, unknown> => ({
  type: 'object',
  properties: Object.fromEntries(
    fields.map((field) => [
      field.name,
      { type: field.type, description: field.description, ...(field.enum === undefined ? {} : { enum: field.enum }) },
    ]),
  ),
  required: [...required],
  additionalProperties: false,
});

const idField = (resource: Resource): Field =>
  text(`${resource.singular}_id`, `The ${resource.singular.replace(/_/g, ' ')} id.`);
const paging: readonly Field[] = [
  int('limit', 'Most items returned (1-100, default 25).'),
  text('cursor', 'The `next_cursor` of the previous page.'),
];

function toolsOf(service: Service, resource: Resource): ToolDefinition[] {
  const words = resource.singular.replace(/_/g, ' ');
  const plural = resource.plural.replace(/_/g, ' ');
  const tool = (name: string, description: string, schema: Record<string, unknown>): ToolDefinition => ({
    upstream: service.name,
    name,
    description,
    inputSchema: schema,
    annotations: { readOnlyHint: /^(list|get)_/.test(name), destructiveHint: name.startsWith('delete_') },
  });
  const id = idField(resource);
  return [
    tool(
      `list_${resource.plural}`,
      `Lists ${plural} (${resource.about}), newest first, one page at a time. Returns the items and a next_cursor while more remain.`,
      schemaOf([...resource.filters, ...paging], []),
    ),
    tool(
      `get_${resource.singular}`,
      `Gets one ${words} by id: ${resource.about}. Returns every field, including timestamps and links to related objects.`,
      schemaOf([id], [id.name]),
    ),
    tool(
      `create_${resource.singular}`,
      `Creates a ${words} (${resource.about}). Returns the new ${words} with its id.`,
      schemaOf(
        resource.fields,
        resource.fields.slice(0, 1).map((field) => field.name),
      ),
    ),
    tool(
      `update_${resource.singular}`,
      `Updates fields of a ${words}; fields left out keep their value. Returns the updated ${words}.`,
      schemaOf([id, ...resource.fields], [id.name]),
    ),
    tool(`delete_${resource.singular}`, `Deletes a ${words}. This cannot be undone.`, schemaOf([id], [id.name])),
    ...resource.actions.map((action) =>
      tool(
        `${action.verb}_${resource.singular}`,
        action.description,
        schemaOf([id, ...(action.fields ?? [])], [id.name]),
      ),
    ),
  ];
}

/** The whole catalog, sorted by exposed name as the catalog serves it. */
export function syntheticToolCatalog(): ToolDefinition[] {
  return services
    .flatMap((service) => service.resources.flatMap((resource) => toolsOf(service, resource)))
    .sort((a, b) => (`${a.upstream}__${a.name}` < `${b.upstream}__${b.name}` ? -1 : 1));
}
